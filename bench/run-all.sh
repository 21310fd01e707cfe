#!/usr/bin/env bash
# All five scenarios in order, single instance first; cluster variants run when ./cluster.sh exists.
set -euo pipefail
cd "$(dirname "$0")"
./backplane.sh
./fanout.sh
./saturation.sh
./clients.sh
./density.sh
./soak.sh
if [[ -x ../cluster.sh ]]; then
  TARGET=cluster ./fanout.sh
  TARGET=cluster ./saturation.sh
  TARGET=cluster ./density.sh
  TARGET=cluster ./soak.sh
  ./protocols.sh
fi
