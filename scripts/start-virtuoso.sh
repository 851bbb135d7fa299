#!/usr/bin/env bash
# Start a throwaway Virtuoso in the foreground, listening on loopback only.
#
# Usage: scripts/start-virtuoso.sh DATABASE_DIR HTTP_PORT SQL_PORT
# The SPARQL endpoint is then http://127.0.0.1:HTTP_PORT/sparql and the Graph Store Protocol
# endpoint http://127.0.0.1:HTTP_PORT/sparql-graph-crud. Anonymous SPARQL users may update this
# instance, so it must never listen on anything but loopback.
set -euo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 DATABASE_DIR HTTP_PORT SQL_PORT" >&2
    exit 2
fi
database_dir=$1 http_port=$2 sql_port=$3
mkdir -p "$database_dir"
database_dir=$(cd "$database_dir" && pwd)

cat >"$database_dir/virtuoso.ini" <<INI
[Database]
DatabaseFile    = $database_dir/virtuoso.db
ErrorLogFile    = $database_dir/virtuoso.log
LockFile        = $database_dir/virtuoso.lck
TransactionFile = $database_dir/virtuoso.trx
xa_persistent_file = $database_dir/virtuoso.pxa
FileExtend      = 200
Striping        = 0
TempStorage     = TempDatabase

[TempDatabase]
DatabaseFile    = $database_dir/virtuoso-temp.db
TransactionFile = $database_dir/virtuoso-temp.trx
Striping        = 0

[Parameters]
ServerPort           = 127.0.0.1:$sql_port
DisableUnixSocket    = 1
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers      = 170000
MaxDirtyBuffers      = 130000
MaxQueryMem          = 1G
ThreadsPerQuery      = 2

[HTTPServer]
ServerPort           = 127.0.0.1:$http_port
ServerRoot           = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = 10000000
MaxSortedTopRows           = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 30
INI

# Let the anonymous SPARQL user update this test instance, once the server answers.
(
    for _ in $(seq 1 120); do
        if isql-vt "127.0.0.1:$sql_port" dba dba exec="grant SPARQL_UPDATE to \"SPARQL\";" >/dev/null 2>&1; then
            isql-vt "127.0.0.1:$sql_port" dba dba exec="DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" >/dev/null 2>&1 || true
            touch "$database_dir/ready"
            exit 0
        fi
        sleep 0.5
    done
    echo "Virtuoso did not accept SQL connections on 127.0.0.1:$sql_port" >&2
) &

cd "$database_dir"
exec virtuoso-t +foreground +configfile "$database_dir/virtuoso.ini"
