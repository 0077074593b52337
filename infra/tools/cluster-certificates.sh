#!/bin/sh
# Makes a certificate authority for one cluster and certificates it signs, as PEM files, for mutual TLS on the
# cluster's own ports (silo to silo, grain client to gateway). POSIX sh and openssl only, so it also runs in a small
# container (docker-compose's "certificates" service). Leaves existing files alone, so it can run on every start.
#   infra/tools/cluster-certificates.sh DIR [NAME...]   writes DIR/ca.crt, DIR/ca.key and DIR/NAME.crt, DIR/NAME.key
# Names default to "silo" and "channel-app". Keep ca.key away from the silos: it mints certificates the cluster trusts.
set -eu
dir="${1:?usage: cluster-certificates.sh DIR [NAME...]}"
shift
[ "$#" -gt 0 ] || set -- silo channel-app
mkdir -p "$dir"
umask 077

if [ ! -s "$dir/ca.crt" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 825 -subj "/CN=RelationshipGrains cluster CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2> /dev/null
fi

for name in "$@"; do
  [ -s "$dir/$name.crt" ] && continue
  extensions="$dir/$name.ext"
  # Silos both accept connections and open them, so every certificate serves as server and as client.
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\n' "$name" > "$extensions"
  openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=$name" -keyout "$dir/$name.key" -out "$dir/$name.csr" 2> /dev/null
  openssl x509 -req -sha256 -days 397 -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -extfile "$extensions" -out "$dir/$name.crt" 2> /dev/null
  rm -f "$dir/$name.csr" "$extensions"
done
# Readable by the silo's user in a container; the authority's key stays private.
chmod 644 "$dir"/*.crt "$dir"/*.key
chmod 600 "$dir/ca.key"
echo "Certificates in $dir: ca.crt and $(for n in "$@"; do printf '%s.crt/.key ' "$n"; done)"
