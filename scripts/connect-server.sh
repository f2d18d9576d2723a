#!/usr/bin/env bash
# Starts or stops a real Spark 4.3.0 Spark Connect server on loopback for the `--remote`
# tests: `scripts/connect-server.sh install|start|stop|url`. The server comes from pip's
# pyspark==4.3.0 (which ships sbin/start-connect-server.sh and the connect jar) in a
# virtualenv of its own, and needs Java 17. Port: EMBER_CONNECT_PORT (default 15002).
# EMBER_CONNECT_TOKEN, when set, is the server's spark.connect.authenticate.token (clients
# must send it as a bearer token); EMBER_CONNECT_ALLOW_DEST_LOCAL=true lets clients upload
# files to its local file system (copyFromLocalToFs); EMBER_CONNECT_STATE keeps one
# server's pid and logs.
set -euo pipefail
VENV="${EMBER_SPARK_VENV:-$HOME/.cache/ember-spark/venv}"
PORT="${EMBER_CONNECT_PORT:-15002}"
STATE="${EMBER_CONNECT_STATE:-$HOME/.cache/ember-spark/state}"

spark_home() {
  "$VENV/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'
}

install() {
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
  fi
  # pyarrow and pandas: the server's Python workers run UDFs over Arrow batches.
  if ! "$VENV/bin/python" -c 'import pyspark, pyarrow, pandas, sys; sys.exit(pyspark.__version__ != "4.3.0")' 2>/dev/null; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pyspark==4.3.0" pyarrow pandas
  fi
}

listening() {
  python3 - "$PORT" <<'PY'
import socket, sys
s = socket.socket()
s.settimeout(0.5)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
}

start() {
  install
  if listening; then
    echo "sc://127.0.0.1:$PORT"
    return 0
  fi
  command -v java >/dev/null || { echo "connect-server: java is needed (Java 17)" >&2; exit 1; }
  mkdir -p "$STATE"
  local home
  home="$(spark_home)"
  SPARK_HOME="$home" SPARK_PID_DIR="$STATE" SPARK_LOG_DIR="$STATE/logs" PYSPARK_PYTHON="$VENV/bin/python" \
    "$home/sbin/start-connect-server.sh" --master 'local[2]' \
      --conf spark.connect.grpc.binding.address=127.0.0.1 \
      --conf "spark.connect.grpc.binding.port=$PORT" \
      --conf spark.ui.enabled=false \
      ${EMBER_CONNECT_TOKEN:+--conf "spark.connect.authenticate.token=$EMBER_CONNECT_TOKEN"} \
      ${EMBER_CONNECT_ALLOW_DEST_LOCAL:+--conf "spark.sql.artifact.copyFromLocalToFs.allowDestLocal=$EMBER_CONNECT_ALLOW_DEST_LOCAL"} >/dev/null
  for _ in $(seq 1 240); do
    if listening; then
      echo "sc://127.0.0.1:$PORT"
      return 0
    fi
    sleep 0.5
  done
  echo "connect-server: the server did not listen on port $PORT; see $STATE/logs" >&2
  exit 1
}

stop() {
  [ -x "$VENV/bin/python" ] || return 0
  local home
  home="$(spark_home)"
  SPARK_HOME="$home" SPARK_PID_DIR="$STATE" "$home/sbin/stop-connect-server.sh" >/dev/null 2>&1 || true
  # The JVM shuts down in the background; wait until the port is free.
  for _ in $(seq 1 120); do
    listening || return 0
    sleep 0.5
  done
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  url) echo "sc://127.0.0.1:$PORT" ;;
  *) echo "usage: $0 install|start|stop|url" >&2; exit 2 ;;
esac
