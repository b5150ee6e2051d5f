#!/usr/bin/python3
"""Every long option printed by `fwctl-report --help` is documented in fwctl-report(8).

usage: check_help_in_man.py FWCTL_REPORT MAN_PAGE

Runs the built program with --help, collects every --long-option the text
mentions, and looks in the mdoc page for each as `Fl -name` (how mdoc writes
--name), anywhere in the page. Exits 1 and names each option the page lacks.
Generic on purpose: a new option needs no change here, only its entry in the page.
"""

import re
import subprocess
import sys

# --name, not preceded by a word character or another dash ("a--b", "---").
LONG_OPTION = re.compile(r'(?<![\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)')


def long_options(help_text):
    return sorted(set(LONG_OPTION.findall(help_text)))


def documented(page, name):
    # `Fl -name` not followed by more of a name: -redact must not match -redact-key.
    return re.search(r'(?<!\w)Fl -' + re.escape(name) + r'(?![\w-])', page) is not None


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    program, page_path = argv[1], argv[2]

    run = subprocess.run([program, '--help'], capture_output=True, text=True, timeout=30)
    if run.returncode != 0:
        print('FAIL: %s --help exited %d:\n%s' % (program, run.returncode, run.stderr))
        return 1
    options = long_options(run.stdout)
    if 'help' not in options:
        print('FAIL: found no --help among the long options of the help text; '
              'is this the help output?\n' + run.stdout)
        return 1

    with open(page_path, encoding='utf-8') as f:
        page = f.read()
    missing = [o for o in options if not documented(page, o)]
    print('long options in --help: ' + ' '.join('--' + o for o in options))
    if missing:
        for o in missing:
            print('FAIL: --help prints --%s, but %s has no "Fl -%s": '
                  'describe it in the OPTIONS list' % (o, page_path, o))
        return 1
    print('PASS: all %d documented in %s' % (len(options), page_path))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
