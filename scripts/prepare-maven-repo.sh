#!/usr/bin/env bash
# Prepares the local Maven repository that `package:java` builds with.
#
# Why: the jar jsii-pacmak generates depends on cdk-nag by version range ([3.0.2,4.0.0)). Maven
# resolves a range from the registry's maven-metadata.xml, and the one served to this project's
# machines still lists only cdk-nag 2.x, although the 3.x artifacts themselves are served. Installing
# the exact cdk-nag version we build against into the local repository records it in
# maven-metadata-local.xml, so the range resolves. Idempotent; safe where the registry is complete.
set -euo pipefail
repo="$(realpath -m "${1:-.cache/m2}")"
version="$(node -p "require('cdk-nag/package.json').version")"
marker="$repo/io/github/cdklabs/cdknag/$version/cdknag-$version.jar"
if [ -f "$marker" ] && [ -f "$repo/io/github/cdklabs/cdknag/maven-metadata-local.xml" ]; then
  exit 0
fi
mkdir -p "$repo"
download="$(mktemp -d)"
trap 'rm -rf "$download"' EXIT
for packaging in jar pom; do
  mvn -q -B dependency:get -Dartifact="io.github.cdklabs:cdknag:$version:$packaging" -Dtransitive=false -Dmaven.repo.local="$download"
done
from="$download/io/github/cdklabs/cdknag/$version"
mvn -q -B install:install-file -Dfile="$from/cdknag-$version.jar" -DpomFile="$from/cdknag-$version.pom" -Dmaven.repo.local="$repo"
echo "cdk-nag $version installed into $repo"
