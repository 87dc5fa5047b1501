#!/usr/bin/env bash
# Container smoke test: builds the image from ./Dockerfile and runs it, end to end, on a machine that has
# no Docker engine and cannot reach any container registry (CI's machines).
#
#   bash scripts/container-smoke-test.sh          (from the repository root; needs root)
#
# 1. Installs podman, buildah, runc, slirp4netns and debootstrap with apt-get if they are missing (and curl,
#    Node.js and npm, zstd).
# 2. Makes a local stand-in for each base image the Dockerfile's FROM lines name: a minimal Debian made with
#    debootstrap, with Debian's OpenJDK of the same major version (eclipse-temurin:25-jdk -> Debian 13 with
#    openjdk-25-jdk-headless, and so on), imported into Podman under the exact name the FROM line uses.
#    The root file systems are cached as tarballs in $STOCKTICKER_CONTAINER_CACHE (default
#    ${XDG_CACHE_HOME:-$HOME/.cache}/stockticker-container), keyed by suite and package list.
# 3. Builds the real Dockerfile with buildah (chroot isolation, never pulling). The build stage downloads
#    Maven and the dependencies from Maven Central, so it runs on the host's network (--network host; chroot
#    isolation has no network namespace of its own anyway). Its ~/.m2 cache mount is kept in the cache
#    directory too, so a second run downloads nothing.
# 4. Runs the image with podman, port 8080 published on a free port of 127.0.0.1, and checks that the
#    container turns healthy (its own HEALTHCHECK, run by `podman healthcheck run`), that readiness, liveness
#    and Prometheus answer from the host, that / serves the StockTicker page, that it runs as a non-root
#    user, that it streams quotes over STOMP-over-WebSocket at /ws (the Node example client from
#    examples/node, copied to a temporary directory), and that it stops cleanly on SIGTERM.
# 5. Runs it again with TLS as README.md ("TLS", "In the container") shows it: a PEM certificate and key made with
#    openssl, mounted read-only, named in environment variables, /actuator on a management port of its own. Checks
#    that it turns healthy (the HEALTHCHECK asks the plain-HTTP management port), that https and wss:// answer a
#    client that trusts only that certificate, that plain HTTP on the TLS port gets no HTTP answer, and that a
#    certificate replaced in the mounted directory is served to new connections without a restart.
#
# Everything it creates, containers, images, Podman's storage and its temporary files, lives under one
# /tmp/container-smoke.* directory that is removed on exit, pass or fail; only the cache directory stays.
# Exit status 0 when every check passed, 1 otherwise (with the container's log printed).
#
# Environment:
#   STOCKTICKER_CONTAINER_CACHE   cache directory (see above)
#   SMOKE_NO_CACHE=1              ignore and replace the cached root file systems and Maven repository
#   SMOKE_ROOTFS_MAX_AGE_DAYS     rebuild a cached root file system older than this (default 14), so the
#                                 stand-ins pick up Debian's security updates
#   SMOKE_HEALTH_TIMEOUT          seconds the container may take to turn healthy (default 180)
#   SMOKE_LAYERS=1                build with one layer per instruction, as Docker does, and print them;
#                                 with the vfs driver that is slow (about a minute more) and needs about
#                                 12 GB of disk instead of 3, so by default each stage is one layer
#   DEBIAN_MIRROR                 the Debian mirror debootstrap uses; default: the first one this machine's
#                                 apt sources name (the mirror the machine is set up to reach)
set -Eeuo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"

CACHE_DIR=${STOCKTICKER_CONTAINER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stockticker-container}
# The first Debian archive in apt's sources: deb822 "URIs:" lines, or one-line "deb URI suite" entries.
apt_mirror() {
  # Either file may be missing: a grep that finds nothing is not an error here.
  { grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources || true
    grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list || true
  } | awk '{print $2}' | { grep -v -- '-security' || true; } | head -n 1
}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-$(apt_mirror)}
if [ -z "$DEBIAN_MIRROR" ]; then
  echo "container smoke test: no Debian mirror in apt's sources; set DEBIAN_MIRROR" >&2
  exit 1
fi
ROOTFS_MAX_AGE_DAYS=${SMOKE_ROOTFS_MAX_AGE_DAYS:-14}
HEALTH_TIMEOUT=${SMOKE_HEALTH_TIMEOUT:-180}
# Changing how a root file system is made changes this, and so every cache key.
ROOTFS_RECIPE=3
IMAGE=localhost/stockticker:smoke-test
CONTAINER=stockticker-smoke-$$

WORK=""
CID=""
CONMON_PID=""
CREATED_SYSTEM_DIRS=()
PHASE="setup"
PHASE_T0=0
TIMINGS=()
T_START=$(date +%s%N)

log() { printf '[smoke %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
fmt_ms() { printf '%d.%d s' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }

phase() {
  PHASE=$1
  PHASE_T0=$(date +%s%N)
  log "---- $PHASE"
}

phase_done() {
  local ms
  ms=$(ms_since "$PHASE_T0")
  TIMINGS+=("$(printf '  %-34s %9s' "$PHASE" "$(fmt_ms "$ms")")")
  log "---- $PHASE: done in $(fmt_ms "$ms")"
}

# Podman and Buildah on storage of our own (vfs: no overlay or fuse needed), never the host's default one.
# crun fails on this host's cgroups, so runc; the default ulimits fail with "setrlimit ... operation not
# permitted", so explicit ones; systemd is not PID 1, so cgroupfs, file events and no healthcheck timers
# (the script runs the healthcheck itself).
export DISABLE_HC_SYSTEMD=true
podman_() {
  podman --root "$WORK/storage" --runroot "$WORK/run" --storage-driver vfs --tmpdir "$WORK/libpod" \
    --runtime runc --cgroup-manager cgroupfs --events-backend file "$@"
}
buildah_() {
  buildah --root "$WORK/storage" --runroot "$WORK/run" --storage-driver vfs "$@"
}

print_container_log() {
  [ -n "$CID" ] || return 0
  echo "------ podman logs $CONTAINER (last 200 lines) ------" >&2
  podman_ logs --tail 200 "$CID" >&2 2>&1 || true
  echo "------ state: $(podman_ inspect --format '{{.State.Status}} exit={{.State.ExitCode}} health={{.State.Health.Status}}' "$CID" 2>/dev/null || echo unknown)" >&2
}

die() {
  trap - ERR
  echo >&2
  echo "CONTAINER SMOKE TEST FAILED in phase '$PHASE': $*" >&2
  print_container_log
  exit 1
}

on_error() {
  local status=$? line=$1 cmd=$2
  trap - ERR
  echo >&2
  echo "CONTAINER SMOKE TEST FAILED in phase '$PHASE': command exited with status $status (line $line): $cmd" >&2
  print_container_log
  exit 1
}
trap 'on_error $LINENO "$BASH_COMMAND"' ERR

# Unmounts whatever is still mounted below a directory (a debootstrap cut short leaves /proc and /sys
# mounted in its target; Podman leaves shm mounts), deepest first.
unmount_below() {
  local dir=$1 target
  command -v findmnt >/dev/null || return 0
  findmnt -rn -o TARGET | awk -v d="$dir/" 'index($0, d) == 1' | sort -r | while read -r target; do
    umount -l "$target" 2>/dev/null || true
  done
}

cleanup() {
  local status=$?
  set +e
  trap - ERR
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    log "cleanup: containers, images and storage under $WORK"
    [ -n "$CID" ] && podman_ rm --force --time 0 "$CID" >/dev/null 2>&1
    podman_ rm --all --force >/dev/null 2>&1
    # conmon outlives `podman rm` by a moment; let it finish before its storage goes.
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      [ -n "$CONMON_PID" ] && kill -0 "$CONMON_PID" 2>/dev/null || break
      sleep 0.5
    done
    buildah_ rm --all >/dev/null 2>&1
    podman_ rmi --all --force >/dev/null 2>&1
    unmount_below "$WORK"
    # --one-file-system: never follow a mount that is somehow still there out of the work directory.
    rm -rf --one-file-system "$WORK"
    [ -d "$WORK" ] && echo "warning: could not remove all of $WORK" >&2
  fi
  # Podman keeps a blob cache in /var/lib/containers/cache and network state in /run/containers whatever
  # --root says, and names network namespaces in /run/netns: remove what this run made.
  for dir in "${CREATED_SYSTEM_DIRS[@]}"; do
    case "$dir" in
      /run/netns)  # a bind mount of itself (as `ip netns` makes it); only if no namespace is left in it
        if [ -d "$dir" ] && [ -z "$(ls -A "$dir")" ]; then
          while findmnt -rn "$dir" >/dev/null 2>&1 && umount "$dir" 2>/dev/null; do :; done
          rmdir "$dir" 2>/dev/null
        fi ;;
      *) rm -rf --one-file-system "$dir" ;;
    esac
  done
  echo
  echo "Timings:"
  if [ ${#TIMINGS[@]} -gt 0 ]; then printf '%s\n' "${TIMINGS[@]}"; fi
  printf '  %-34s %9s\n' "total" "$(fmt_ms "$(ms_since "$T_START")")"
  if [ "$status" -eq 0 ]; then
    echo "CONTAINER SMOKE TEST PASSED"
  else
    echo "CONTAINER SMOKE TEST FAILED (exit status $status)"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------------
phase "tools"
[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, and podman with its own root storage)"
[ -f Dockerfile ] || die "no Dockerfile in $REPO_ROOT"
missing=()
for tool in podman:podman buildah:buildah runc:runc slirp4netns:slirp4netns debootstrap:debootstrap curl:curl \
            node:nodejs npm:npm zstd:zstd findmnt:util-linux openssl:openssl; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
log "$(podman --version), $(buildah --version | cut -d' ' -f1-3), $(runc --version | head -1), node $(node --version)"
mkdir -p "$CACHE_DIR"
for dir in /var/lib/containers /run/containers /run/netns; do
  [ -e "$dir" ] || CREATED_SYSTEM_DIRS+=("$dir")
done
WORK=$(mktemp -d /tmp/container-smoke.XXXXXX)
mkdir -p "$WORK/storage" "$WORK/run" "$WORK/libpod" "$WORK/tmp"
export TMPDIR="$WORK/tmp"
log "work directory $WORK, cache $CACHE_DIR"
phase_done

# ---------------------------------------------------------------------------------------------------------
# The STOMP client first: a missing Node.js or npm package fails here, in seconds, not after the build.
phase "stomp client (npm ci)"
mkdir -p "$WORK/client"
cp examples/node/package.json examples/node/package-lock.json examples/node/quotes.mjs "$WORK/client/"
(cd "$WORK/client" && npm ci --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) \
  || { cat "$WORK/npm.log" >&2; die "npm ci of the Node example client failed"; }
phase_done

# ---------------------------------------------------------------------------------------------------------
# Base images named by the Dockerfile (FROM lines that are not earlier stages), each mapped to a Debian
# stand-in with the same Java major version: Debian 12 has only OpenJDK 17, Debian 13 has 21 and 25.
phase "base images (debootstrap)"
stages=()
bases=()
while read -r _ name rest; do
  for s in "${stages[@]}"; do [ "$s" = "$name" ] && continue 2; done
  bases+=("$name")
  if [[ "$rest" =~ [Aa][Ss][[:space:]]+([^[:space:]]+) ]]; then stages+=("${BASH_REMATCH[1]}"); fi
done < <(sed -n -E 's/^[[:space:]]*FROM[[:space:]]+(--[^[:space:]]+[[:space:]]+)*/FROM /Ip' Dockerfile)
[ ${#bases[@]} -gt 0 ] || die "no FROM line in Dockerfile"

# This machine reaches Maven Central through a TLS-inspecting proxy whose CA the host trusts (the files in
# /usr/local/share/ca-certificates). The stand-ins trust the same extra CAs as the host, or the build's
# downloads fail with "PKIX path building failed". That is this network's peculiarity, not the image's: the
# Dockerfile needs nothing of the kind where the stock CAs suffice.
shopt -s nullglob
host_cas=(/usr/local/share/ca-certificates/*.crt /usr/local/share/ca-certificates/*/*.crt)
shopt -u nullglob
if [ ${#host_cas[@]} -gt 0 ]; then
  cas_key=$(cat "${host_cas[@]}" | sha256sum | cut -c1-12)
else
  cas_key=none
fi

declare -A STANDIN_TARBALL=() STANDIN_JAVA_HOME=() STANDIN_DESC=()
arch=$(dpkg --print-architecture)
for name in "${bases[@]}"; do
  if [[ "$name" =~ ^(docker\.io/)?(library/)?eclipse-temurin:([0-9]+)-(jdk|jre)(-[a-z0-9.-]+)?$ ]]; then
    java=${BASH_REMATCH[3]}
    kind=${BASH_REMATCH[4]}
  else
    die "no local stand-in for base image '$name': teach this script how to make one"
  fi
  case "$java" in
    17) suite=bookworm ;;
    21|25) suite=trixie ;;
    *) die "no Debian suite with OpenJDK $java for '$name'" ;;
  esac
  packages="openjdk-$java-$kind-headless"
  key=$(printf '%s\n' "$ROOTFS_RECIPE" "$suite" "$packages" "$DEBIAN_MIRROR" "$arch" "$cas_key" \
    | sha256sum | cut -c1-12)
  tarball="$CACHE_DIR/rootfs-$suite-$packages-$key.tar.zst"
  STANDIN_TARBALL[$name]=$tarball
  STANDIN_JAVA_HOME[$name]="/usr/lib/jvm/java-$java-openjdk-$arch"
  STANDIN_DESC[$name]="Debian $suite minbase + $packages"

  if [ -n "${SMOKE_NO_CACHE:-}" ] || [ ! -s "$tarball" ] \
      || [ -n "$(find "$tarball" -mtime +"$ROOTFS_MAX_AGE_DAYS" 2>/dev/null)" ]; then
    log "$name: debootstrap $suite with $packages (log: $WORK/debootstrap-$key.log)"
    rootfs="$WORK/rootfs-$key"
    t0=$(date +%s%N)
    if ! debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$DEBIAN_MIRROR" \
        >"$WORK/debootstrap-$key.log" 2>&1; then
      tail -n 40 "$WORK/debootstrap-$key.log" >&2
      die "debootstrap of $suite with $packages failed"
    fi
    unmount_below "$rootfs"
    if [ ${#host_cas[@]} -gt 0 ]; then
      mkdir -p "$rootfs/usr/local/share/ca-certificates/host"
      cp "${host_cas[@]}" "$rootfs/usr/local/share/ca-certificates/host/"
      # update-ca-certificates also rebuilds Java's keystore, with java, which needs /proc.
      mount -t proc proc "$rootfs/proc"
      TMPDIR=/tmp chroot "$rootfs" update-ca-certificates >>"$WORK/debootstrap-$key.log" 2>&1 \
        || { umount "$rootfs/proc"; tail -n 20 "$WORK/debootstrap-$key.log" >&2; die "update-ca-certificates failed"; }
      umount "$rootfs/proc"
    fi
    # What the image does not need: downloaded .debs, package lists, documentation, and the JDK's jmods
    # (337 MB of them; only jlink reads them, and the Dockerfile does not run jlink).
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
      "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
      "$rootfs"/usr/lib/jvm/*/jmods
    tar --numeric-owner -C "$rootfs" -c . | zstd -q -T0 -3 -o "$tarball.tmp.$$"
    mv -f "$tarball.tmp.$$" "$tarball"
    rm -rf --one-file-system "$rootfs"
    # Older tarballs for the same suite and packages (other keys) are dead weight.
    find "$CACHE_DIR" -maxdepth 1 -name "rootfs-$suite-$packages-*.tar.zst" ! -name "${tarball##*/}" -delete
    log "$name: cached $(du -h "$tarball" | cut -f1) in $(fmt_ms "$(ms_since "$t0")")"
  else
    log "$name: cached root file system ${tarball##*/}"
  fi
done
phase_done

# ---------------------------------------------------------------------------------------------------------
phase "base images (podman import)"
for name in "${bases[@]}"; do
  java_home=${STANDIN_JAVA_HOME[$name]}
  podman_ import \
    --change "ENV JAVA_HOME=$java_home" \
    --change "ENV PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV LANG=C.UTF-8" \
    --change 'CMD ["bash"]' \
    --message "local stand-in for $name: ${STANDIN_DESC[$name]}" \
    "${STANDIN_TARBALL[$name]}" "$name" >/dev/null
  log "$name <- ${STANDIN_DESC[$name]}"
done
podman_ images --format '  {{.Repository}}:{{.Tag}}  {{.Size}}'
phase_done

# ---------------------------------------------------------------------------------------------------------
# --format docker: the OCI image format has no HEALTHCHECK, and buildah would drop it. Without --layers
# buildah commits each stage as one layer on top of its base; with it (SMOKE_LAYERS=1) one per instruction,
# as Docker does, but vfs then copies the whole root file system for every instruction.
# The Dockerfile's RUN --mount=type=cache lives under buildah's temporary directory ($TMPDIR): point it at
# the cache directory so that the Maven repository survives this run.
phase "image build (buildah bud)"
if [ -n "${SMOKE_NO_CACHE:-}" ]; then rm -rf "$CACHE_DIR/buildah-tmp"; fi
mkdir -p "$CACHE_DIR/buildah-tmp"
if ! TMPDIR="$CACHE_DIR/buildah-tmp" buildah_ bud --isolation chroot --pull=never --network host \
    --format docker ${SMOKE_LAYERS:+--layers} --file Dockerfile --tag "$IMAGE" . 2>&1 | tee "$WORK/build.log"; then
  die "the image did not build (the build output is above)"
fi
grep -q 'HEALTHCHECK is not supported' "$WORK/build.log" && die "the HEALTHCHECK was dropped from the image"
podman_ image exists "$IMAGE" || die "the build reported success but $IMAGE is not in the store"
log "image $IMAGE: $(podman_ image inspect --format '{{.Size}} bytes, user {{.Config.User}}, {{len .RootFS.Layers}} layers' "$IMAGE")"
podman_ history --format '  {{printf "%9s" .Size}}  {{.CreatedBy}}' "$IMAGE" | cut -c1-150
[ "$(podman_ image inspect --format '{{.Config.Healthcheck}}' "$IMAGE")" != "<nil>" ] || die "the image has no HEALTHCHECK"
phase_done

# ---------------------------------------------------------------------------------------------------------
# slirp4netns rather than the default bridge: user-mode networking that leaves nothing on the host (the
# bridge would add iptables chains and netavark state under /run/containers that outlive the container).
phase "container start"
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
CID=$(podman_ run --detach --name "$CONTAINER" \
  --ulimit nofile=1024:4096 --ulimit nproc=4096:4096 \
  --log-driver k8s-file \
  --network slirp4netns --publish "127.0.0.1:$port:8080" \
  --env TICKER_MARKET_SEED=42 \
  "$IMAGE")
CONMON_PID=$(podman_ inspect --format '{{.State.ConmonPid}}' "$CID")
log "container $CONTAINER ($CID) on 127.0.0.1:$port"
phase_done

# ---------------------------------------------------------------------------------------------------------
# Runs the container's own HEALTHCHECK until it passes, or dies if the container stops or the time is up.
await_healthy() {
  local deadline health="" state
  deadline=$(( $(date +%s) + HEALTH_TIMEOUT ))
  while :; do
    state=$(podman_ inspect --format '{{.State.Status}}' "$CID")
    [ "$state" = "running" ] || die "the container is $state, not running"
    if health=$(podman_ healthcheck run "$CID" 2>&1); then break; fi
    [ "$(date +%s)" -lt "$deadline" ] || die "not healthy within ${HEALTH_TIMEOUT}s (last check: ${health:-no output})"
    sleep 2
  done
  log "healthcheck: ${health:-healthy}; status $(podman_ inspect --format '{{.State.Health.Status}}' "$CID")"
}

phase "healthy (HEALTHCHECK)"
await_healthy
phase_done

# ---------------------------------------------------------------------------------------------------------
phase "http checks"
base="http://127.0.0.1:$port"
readiness=$(curl -fsS --max-time 10 "$base/actuator/health/readiness") || die "readiness did not answer 200 on the published port"
[[ "$readiness" == *'"status":"UP"'* ]] || die "readiness is not UP: $readiness"
liveness=$(curl -fsS --max-time 10 "$base/actuator/health/liveness") || die "liveness did not answer 200"
[[ "$liveness" == *'"status":"UP"'* ]] || die "liveness is not UP: $liveness"
page=$(curl -fsS --max-time 10 "$base/") || die "GET / failed"
[[ "$page" == *StockTicker* ]] || die "GET / did not return the StockTicker page: $(head -c 300 <<<"$page")"
metrics=$(curl -fsS --max-time 10 "$base/actuator/prometheus") || die "/actuator/prometheus did not answer 200"
grep -q '^jvm_memory_used_bytes' <<<"$metrics" || die "/actuator/prometheus has no jvm_memory_used_bytes"
uid=$(podman_ exec "$CID" id -u) || die "podman exec id -u failed"
[ "$uid" != "0" ] || die "the application runs as root"
log "readiness $readiness, liveness $liveness, / is the StockTicker page ($(wc -c <<<"$page") bytes), prometheus ok, uid $uid"
phase_done

# The Node example receives 3 quote batches from a STOMP endpoint (its environment, e.g. NODE_EXTRA_CA_CERTS, passed on).
stream_quotes() {
  local url=$1 ticks quotes
  if ! timeout 60 node "$WORK/client/quotes.mjs" "$url" 3 >"$WORK/quotes.log" 2>&1; then
    cat "$WORK/quotes.log" >&2
    die "the Node STOMP client did not receive 3 quote batches from $url"
  fi
  ticks=$(grep -c '^tick ' "$WORK/quotes.log" || true)
  [ "$ticks" -ge 3 ] || { cat "$WORK/quotes.log" >&2; die "expected 3 ticks, got $ticks"; }
  head -n 6 "$WORK/quotes.log" | sed 's/^/  | /'
  quotes=$(grep -c ' seq ' "$WORK/quotes.log" || true)
  log "received $ticks quote batches ($quotes quotes) over STOMP from $url"
}

# ---------------------------------------------------------------------------------------------------------
phase "stomp stream (/ws)"
stream_quotes "ws://127.0.0.1:$port/ws"
phase_done

# ---------------------------------------------------------------------------------------------------------
# java is PID 1 (exec-form ENTRYPOINT): SIGTERM must reach it and end it well before the 20 s kill.
phase "graceful stop (SIGTERM)"
t0=$(date +%s%N)
podman_ stop --time 20 "$CID" >/dev/null
stop_ms=$(ms_since "$t0")
exit_code=$(podman_ inspect --format '{{.State.ExitCode}}' "$CID")
[ "$exit_code" != "137" ] && [ "$stop_ms" -lt 19000 ] \
  || die "the container ignored SIGTERM and was killed (exit $exit_code after $(fmt_ms "$stop_ms"))"
app_log=$(podman_ logs "$CID" 2>&1)
grep -q 'Started StockTickerApplication' <<<"$app_log" || die "no 'Started StockTickerApplication' in the log"
log "stopped in $(fmt_ms "$stop_ms"), exit code $exit_code"
phase_done

# ---------------------------------------------------------------------------------------------------------
# A self-signed certificate for 127.0.0.1 and its key in PEM files named as a Kubernetes TLS secret names them.
make_certificate() {
  local dir=$1
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$dir/tls.key" -out "$dir/tls.crt" 2>"$WORK/openssl.log" \
    || { cat "$WORK/openssl.log" >&2; die "openssl could not make a certificate"; }
  # The service runs as UID 10001: it must be able to read both.
  chmod 0644 "$dir/tls.key" "$dir/tls.crt"
}

fingerprint() { openssl x509 -noout -fingerprint -sha256 -in "$1"; }

# The certificate a new TLS connection to the port is given.
served_fingerprint() {
  timeout 10 openssl s_client -connect "127.0.0.1:$1" -servername localhost </dev/null 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 2>/dev/null || true
}

phase "tls container start (PEM)"
make_certificate "$WORK/certs"
chmod 0755 "$WORK/certs"
tls_port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
# As README.md shows it, with a short quiet period so that the renewal below is seen in a second, not ten.
CID=$(podman_ run --detach --name "$CONTAINER-tls" \
  --ulimit nofile=1024:4096 --ulimit nproc=4096:4096 \
  --log-driver k8s-file \
  --network slirp4netns --publish "127.0.0.1:$tls_port:8443" \
  --volume "$WORK/certs:/certs:ro" \
  --env SERVER_PORT=8443 --env SERVER_SSL_BUNDLE=web --env MANAGEMENT_SERVER_PORT=8081 \
  --env SPRING_SSL_BUNDLE_PEM_WEB_KEYSTORE_CERTIFICATE=/certs/tls.crt \
  --env SPRING_SSL_BUNDLE_PEM_WEB_KEYSTORE_PRIVATEKEY=/certs/tls.key \
  --env SPRING_SSL_BUNDLE_PEM_WEB_RELOADONUPDATE=true \
  --env SPRING_SSL_BUNDLE_WATCH_FILE_QUIETPERIOD=1s \
  --env TICKER_MARKET_SEED=42 \
  "$IMAGE")
CONMON_PID=$(podman_ inspect --format '{{.State.ConmonPid}}' "$CID")
log "container $CONTAINER-tls ($CID) on 127.0.0.1:$tls_port, https"
phase_done

phase "tls healthy (management port)"
await_healthy
phase_done

phase "tls checks (https, wss://, plain)"
tls_base="https://127.0.0.1:$tls_port"
quote=$(curl -fsS --max-time 10 --cacert "$WORK/certs/tls.crt" "$tls_base/api/quotes/AAPL") \
  || die "GET $tls_base/api/quotes/AAPL failed with the mounted certificate trusted"
[[ "$quote" == *'"symbol":"AAPL"'* ]] || die "no AAPL quote over https: $quote"
page=$(curl -fsS --max-time 10 --cacert "$WORK/certs/tls.crt" "$tls_base/") || die "GET $tls_base/ failed"
[[ "$page" == *StockTicker* ]] || die "GET $tls_base/ did not return the StockTicker page"
if curl -sS --max-time 10 "http://127.0.0.1:$tls_port/api/quotes/AAPL" >"$WORK/plain.log" 2>&1; then
  die "plain HTTP on the TLS port got an HTTP answer: $(head -c 300 "$WORK/plain.log")"
fi
log "plain HTTP on the TLS port: $(tail -n 1 "$WORK/plain.log")"
NODE_EXTRA_CA_CERTS="$WORK/certs/tls.crt" stream_quotes "wss://127.0.0.1:$tls_port/ws"
phase_done

phase "tls renewal (reload)"
first=$(fingerprint "$WORK/certs/tls.crt")
[ "$(served_fingerprint "$tls_port")" = "$first" ] || die "the TLS port does not serve the mounted certificate"
make_certificate "$WORK/renewed"
renewed=$(fingerprint "$WORK/renewed/tls.crt")
# As a renewal tool replaces them: each file in one step, the key first.
mv -f "$WORK/renewed/tls.key" "$WORK/certs/tls.key"
mv -f "$WORK/renewed/tls.crt" "$WORK/certs/tls.crt"
deadline=$(( $(date +%s) + 60 ))
until [ "$(served_fingerprint "$tls_port")" = "$renewed" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || die "the renewed certificate was not served within 60 s"
  sleep 1
done
app_log=$(podman_ logs "$CID" 2>&1)
grep -q 'TLS: new connections get the renewed certificate' <<<"$app_log" \
  || die "no 'TLS: new connections get the renewed certificate' in the log"
NODE_EXTRA_CA_CERTS="$WORK/certs/tls.crt" stream_quotes "wss://127.0.0.1:$tls_port/ws"
podman_ stop --time 20 "$CID" >/dev/null
phase_done
