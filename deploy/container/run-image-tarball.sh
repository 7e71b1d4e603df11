#!/usr/bin/env bash
# Runs the image tarball's entrypoint where no container runtime is available (the build machine has no
# Docker daemon): unpacks the layers of target/leadsync-image.tar into a directory and starts the image's
# Entrypoint there with chroot, as the image's user, with its Env and WorkingDir and the caller's LEADSYNC_*
# variables, /proc and /dev mounted. Needs root (chroot, mount). The host's network is shared, so the
# listener's port is taken from PORT when set (the image itself listens on 8080).
#   usage: [PORT=8280] LEADSYNC_DB_URL=... deploy/container/run-image-tarball.sh target/leadsync-image.tar <dir>
set -euo pipefail
tarball="$(readlink -f "$1")"; root="$2"
rm -rf "$root"; mkdir -p "$root/.image"
tar -xf "$tarball" -C "$root/.image"
python3 - "$root" <<'PY'
import json, os, subprocess, sys
root = sys.argv[1]; image = os.path.join(root, ".image")
manifest = json.load(open(os.path.join(image, "manifest.json")))[0]
for layer in manifest["Layers"]:
    subprocess.run(["tar", "-xzf" if open(os.path.join(image, layer), "rb").read(2) == b"\x1f\x8b" else "-xf",
                    os.path.join(image, layer), "-C", root], check=True)
config = json.load(open(os.path.join(image, manifest["Config"])))["config"]
with open(os.path.join(root, ".image", "run.json"), "w") as out:
    json.dump(config, out)
PY
# what a container runtime provides: /etc/hosts naming the host name, and the resolver's configuration
cp /etc/hosts "$root/etc/hosts"; [ -e /etc/resolv.conf ] && cp -L /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/proc" "$root/dev"
mount -t proc proc "$root/proc"; mount --bind /dev "$root/dev"
trap 'umount "$root/proc" "$root/dev" 2>/dev/null || true' EXIT
python3 - "$root" <<'PY'
import json, os, sys
root = sys.argv[1]
c = json.load(open(os.path.join(root, ".image", "run.json")))
args = c["Entrypoint"] + (c.get("Cmd") or [])
if os.environ.get("PORT") and "--port" in args:
    args[args.index("--port") + 1] = os.environ["PORT"]
env = dict(e.split("=", 1) for e in c.get("Env", []))
env.update({k: v for k, v in os.environ.items() if k.startswith(("LEADSYNC_", "MP_"))})
uid, gid = (int(x) for x in c.get("User", "0:0").split(":"))
print(f"running as {uid}:{gid} in {c.get('WorkingDir', '/')}: {' '.join(args)}", flush=True)
os.chroot(root)
os.setgroups([]); os.setgid(gid); os.setuid(uid)
os.chdir(c.get("WorkingDir", "/"))
os.execve(args[0], args, env)
PY
