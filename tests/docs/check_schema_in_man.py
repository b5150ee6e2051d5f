#!/usr/bin/python3
"""Every key of the report and manifest schemas is documented in fwctl-report(5).

usage: check_schema_in_man.py MAN_PAGE REPORT_SCHEMA MANIFEST_SCHEMA

Checked key sets: the report's top-level properties, the properties of
definitions/device (one device entry) and the manifest's top-level properties.
A key counts as documented when it is an argument of the `Li` macro on an mdoc
line (`.It Li name`, `.Li name ,` or `.It Li default , current`). Exits 1 and
names each missing key with the schema part it belongs to.
"""

import json
import sys


def literal_words(page):
    """Every word that follows a Li macro on an mdoc macro line."""
    words = set()
    for line in page.splitlines():
        if not line.startswith('.'):
            continue
        tokens = line[1:].split()
        if 'Li' in tokens:
            words.update(tokens[tokens.index('Li') + 1:])
    return words


def key_sets(report_schema, manifest_schema):
    device = report_schema['definitions']['device']
    return [
        ('report (top level)', list(report_schema['properties'])),
        ('device (definitions/device)', list(device['properties'])),
        ('manifest (top level)', list(manifest_schema['properties'])),
    ]


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    page_path = argv[1]
    with open(page_path, encoding='utf-8') as f:
        words = literal_words(f.read())
    with open(argv[2], encoding='utf-8') as f:
        report_schema = json.load(f)
    with open(argv[3], encoding='utf-8') as f:
        manifest_schema = json.load(f)

    failures = 0
    for part, keys in key_sets(report_schema, manifest_schema):
        if not keys:
            print('FAIL: the schema has no %s keys; has its layout changed?' % part)
            failures += 1
        missing = [k for k in keys if k not in words]
        for k in missing:
            print('FAIL: %s key "%s" is not in %s: add an ".It Li %s" entry'
                  % (part, k, page_path, k))
        failures += len(missing)
        print('%s: %d keys, %d missing' % (part, len(keys), len(missing)))
    if failures:
        return 1
    print('PASS: every checked schema key is documented in %s' % page_path)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
