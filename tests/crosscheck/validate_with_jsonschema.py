#!/usr/bin/python3
"""Validate fwctl-report documents with python3-jsonschema, independently of
the C++ validator (valijson) and YAML reader (yaml-cpp).

usage: validate_with_jsonschema.py SCHEMA [--manifest-schema M] PATH...

PATH is a .json/.yaml file, an --output-dir tree or a tar archive (.tar,
.tar.gz, .tar.xz, .tar.bz2). YAML is read with yaml.safe_load (YAML 1.1), so a
writer that forgot to quote "yes" or "0x15b3" fails here. A file is a manifest
when it has manifest_version, a device document when it sits in devices/, and a
report otherwise. Prints one line per document; exits 1 if any failed.
"""

import argparse
import json
import os
import sys
import tarfile

import jsonschema
import yaml


def parse(text, name):
    if name.endswith(".json") or text.lstrip().startswith("{"):
        return json.loads(text)
    return yaml.safe_load(text)


def kind_of(member, doc):
    base = os.path.basename(member)
    if (isinstance(doc, dict) and "manifest_version" in doc) or base.startswith("manifest."):
        return "manifest"
    if os.path.basename(os.path.dirname(member)) == "devices":
        return "device"
    return "report"


def is_document(member):
    return member.endswith((".json", ".yaml", ".yml")) and (
        os.path.basename(member).split(".")[0] in ("report", "manifest")
        or os.path.basename(os.path.dirname(member)) == "devices")


def documents(path):
    """Yields (name, text) for every document PATH holds."""
    if os.path.isdir(path):
        for root, _dirs, files in sorted(os.walk(path)):
            for name in sorted(files):
                full = os.path.join(root, name)
                if is_document(os.path.relpath(full, path)):
                    with open(full, encoding="utf-8") as f:
                        yield full, f.read()
    elif tarfile.is_tarfile(path):
        with tarfile.open(path) as archive:
            for member in archive.getmembers():
                if member.isfile() and is_document(member.name.split("/", 1)[-1]):
                    yield member.name, archive.extractfile(member).read().decode("utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            yield path, f.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("schema")
    parser.add_argument("--manifest-schema",
                        help="default: fwctl-report-manifest.schema.json next to SCHEMA")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    manifest_path = args.manifest_schema or os.path.join(
        os.path.dirname(args.schema), "fwctl-report-manifest.schema.json")
    with open(manifest_path, encoding="utf-8") as f:
        manifest_schema = json.load(f)
    device_schema = {"$schema": schema["$schema"], "definitions": schema["definitions"],
                     "$ref": "#/definitions/device"}
    validators = {}
    for kind, s in (("report", schema), ("device", device_schema), ("manifest", manifest_schema)):
        jsonschema.Draft7Validator.check_schema(s)
        validators[kind] = jsonschema.Draft7Validator(s)

    failed = 0
    for path in args.paths:
        try:
            found = list(documents(path))
        except (OSError, tarfile.TarError, UnicodeDecodeError) as e:
            print(f"FAIL {path}: {e}")
            failed += 1
            continue
        if not found:
            print(f"FAIL {path}: no documents found")
            failed += 1
        for name, text in found:
            try:
                doc = parse(text, name)
            except (ValueError, yaml.YAMLError) as e:
                print(f"FAIL {name}: {e}")
                failed += 1
                continue
            kind = kind_of(name, doc)
            errors = sorted(validators[kind].iter_errors(doc), key=lambda e: list(e.absolute_path))
            if errors:
                failed += 1
                print(f"FAIL {name} ({kind}): {len(errors)} violation(s)")
                for e in errors[:10]:
                    where = "/".join(str(p) for p in e.absolute_path) or "(document)"
                    print(f"  {where}: {e.message}")
            else:
                print(f"ok   {name} ({kind})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
