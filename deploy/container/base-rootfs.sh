#!/usr/bin/env bash
# Builds the image's base file system without a registry or a Docker daemon (README.md, Container and
# Kubernetes): a jlink'd Java 17 runtime from the build's JDK, exactly the shared libraries it loads (ldd
# closure, taken from the build machine's glibc), CA certificates, and a non-root user 1000 (leadsync).
# Jib (`-Pcontainer`, from `scratch`) puts this directory in the image's first layer.
#   usage: deploy/container/base-rootfs.sh <out-dir>
set -euo pipefail
out="$1"
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
rm -rf "$out"
mkdir -p "$out"/opt "$out"/etc "$out"/tmp "$out"/home/leadsync
# what Payara Micro and LeadSync load: the Java SE modules and the JDK ones Payara reaches for
"$jdk/bin/jlink" --output "$out/opt/java" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.naming.dns,jdk.management,jdk.management.agent,jdk.jfr,jdk.httpserver,jdk.localedata,jdk.charsets,jdk.security.auth,jdk.security.jgss,jdk.xml.dom,jdk.attach,jdk.jdwp.agent,jdk.net
# a JDK whose cacerts is a link into /etc (Debian) gets the file itself
cacerts="$jdk/lib/security/cacerts"
[ -e "$cacerts" ] && cp -L "$cacerts" "$out/opt/java/lib/security/cacerts"
# the shared libraries the runtime needs, with the dynamic loader, at the paths the binaries name
{ ldd "$out/opt/java/bin/java"; find "$out/opt/java/lib" -name '*.so' -exec ldd {} \; 2>/dev/null; } \
  | grep -o '/[^ ]*\.so[^ ]*' | sort -u | while read -r lib; do
    case "$lib" in "$out"/*) continue ;; esac # the runtime's own, already in place
    [ -e "$lib" ] || continue
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$lib" "$out$lib"
  done
# glibc's name-service modules: Java resolves users and hosts through them
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
  [ -e "$lib" ] && { mkdir -p "$out$(dirname "$lib")"; cp -L "$lib" "$out$lib"; }
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nleadsync:x:1000:1000:LeadSync:/home/leadsync:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nleadsync:x:1000:\n' > "$out/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$out/etc/hosts"
chmod 1777 "$out/tmp"
echo "base file system in $out: $(du -sh "$out" | cut -f1)"
