#!/bin/sh
# Rebuilds the bundled demo data in customer_data/ from the public datasets in shared/data.
# Usage: tools/convert/convert.sh [SHARED_DATA_DIR]   (default: ../shared/data, beside the repository)
#
# Compiles only what the converter uses (vaa.transcript and vaa.io, found through -sourcepath) into
# target/convert/, so it works whatever state the rest of the tree is in, then runs the single-file program.
set -eu
cd "$(dirname "$0")/../.."
SRC="${1:-../shared/data}"
OUT=target/convert
mkdir -p "$OUT"
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=runtime
CP="$(cat "$OUT/classpath.txt")"
javac --release 17 -encoding UTF-8 -proc:none -d "$OUT/classes" -cp "$CP" -sourcepath src/main/java \
    src/main/java/vaa/transcript/*.java src/main/java/vaa/io/Json.java src/main/java/vaa/io/AtomicFiles.java
java -cp "$OUT/classes:$CP" tools/convert/ConvertDemoData.java "$SRC" customer_data
