package org.leadsync.connector;

import jakarta.inject.Inject;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/** Tells {@link SelfAddress} where the app answers, from the first request that reaches it (docs/sandbox.md). */
@WebListener
public class SelfAddressListener implements ServletRequestListener {

    @Inject
    SelfAddress self;

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest request) {
            self.learn(request);
        }
    }
}
