#!/usr/bin/env bash
# layering.sh ROOT - the architecture of lib/ holds for the public headers too.
# CMakeLists.txt decides which private headers a module sees; this table says
# which public headers (include/jixiao/) a module's sources must not include:
# layout readers know rows and cells, never forms, disclosures or the store.
set -u
root=${1:?usage: layering.sh ROOT}
cd "$root" || exit 1

#       module  public headers it must not include
forbid=("util   model import disclosure rules store export summary value auth"
        "text   model import disclosure rules store export summary"
        "read   model import disclosure rules store export summary value"
        "form   import rules store export summary"
        "store  import rules export summary"
        "render import disclosure rules store export summary")

status=0
for entry in "${forbid[@]}"; do
  read -r module headers <<<"$entry"
  for h in $headers; do
    hits=$(grep -n "#include \"jixiao/$h.h\"" "lib/$module"/*.[ch] 2>/dev/null)
    if [ -n "$hits" ]; then
      echo "layering: lib/$module must not include jixiao/$h.h:" >&2
      echo "$hits" >&2
      status=1
    fi
  done
done
[ $status -eq 0 ] && echo "layering: 1 passed, 0 failed"
exit $status
