#!/usr/bin/env bash
# Sets up, builds and starts 司法所工作台 on its default database (the user's app-data folder).
# Extra arguments go to the application, e.g. --db /path/to/sifa.db
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd ui && npm run build --silent)
exec cargo run --quiet -p sifa-desk -- "$@"
