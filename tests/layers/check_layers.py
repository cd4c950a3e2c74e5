#!/usr/bin/env python3
"""Checks every folder README's "May depend on:" line against the #include lines of its sources.

A source file is governed by the nearest enclosing folder whose README has a "May depend on:"
line. It may include headers from that folder's own tree and from the folders, files and
targets the line names in backticks; "and what it depends on" adds the named folders' own
allowances. A README that says "No Qt" (core/, storage/ and below) or "No SQLite" forbids those
headers too. Prints one line per violation (file:line: ...) and exits 1 if there is any.

Usage: check_layers.py SOURCE_ROOT
"""
import os
import re
import sys

# Folders holding product code; tests/ is governed only where a test README has the line.
SCAN_ROOTS = ("app", "widgets", "serial_link", "storage", "core", "firmware", "tests")
SKIP_DIRS = {"build", ".git", "data"}
SOURCE_EXT = (".cpp", ".h", ".hpp", ".cc", ".ino")

# What linking a target lets a file include (its folder and everything it links, transitively).
TARGETS = {
    "loupe_firmware_portable": ["firmware/protocol", "firmware/runtime", "firmware/inference"],
    "loupe_core": ["core", "loupe_firmware_portable"],
    "loupe_storage": ["storage", "loupe_core"],
    "loupe_serial_link": ["serial_link", "loupe_core"],
    "loupe_widgets": ["widgets", "loupe_storage", "loupe_serial_link"],
}

# Include lines that need a design change before they can go. Each entry: (including file,
# included path) -> why it is tolerated for now. Keep this empty when possible.
ALLOWED_EXCEPTIONS = {
    # The board's model-slot size is a firmware/board constant (header only, nothing linked);
    # board_fit checks a model against it. Fix: move the constant to firmware/protocol/limits.h.
    ("core/quant/board_fit.cpp", "firmware/board/config.h"):
        "board model-slot size lives in the board core's config",
    # The filter panel emits storage's ItemFilter value (a plain struct, no storage calls).
    # Fix: move ItemFilter to core/domain or give the browser its own filter value.
    ("widgets/browser/browser_panel.h", "storage/records.h"):
        "browser filter is storage's ItemFilter value",
}

# Never Qt in these trees, whatever a README below them says (the layer rule of README.md).
NO_QT_TREES = ("core/", "storage/", "firmware/")

QT_HEADER = re.compile(r"^Q[A-Za-z]*(/|$)|^Qt[A-Za-z]*/")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def may_depend_paragraph(readme):
    """The text of the "May depend on:" paragraph, or None."""
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^May depend on:", text, re.MULTILINE)  # a line of its own, not a mention
    if m is None:
        return None
    start = m.start()
    end = text.find("\n\n", start)
    return text[start:end if end >= 0 else len(text)]


def expand_target(name, seen=None):
    seen = set() if seen is None else seen
    out = []
    for dep in TARGETS[name]:
        if dep in TARGETS:
            if dep not in seen:
                seen.add(dep)
                out += expand_target(dep, seen)
        else:
            out.append(dep)
    return out


class Rule:
    def __init__(self, root, folder, paragraph):
        self.folder = folder  # root-relative, no trailing slash
        self.everything = re.search(r"\beverything\b", paragraph) is not None
        self.transitive = re.search(r"what (it|they) depends? on", paragraph) is not None
        self.no_qt = re.search(r"\bno qt\b", paragraph, re.IGNORECASE) is not None
        self.no_sqlite = re.search(r"\bno sqlite\b", paragraph, re.IGNORECASE) is not None
        self.prefixes = []  # allowed include-path prefixes
        self.named_folders = []
        for token in re.findall(r"`([^`]+)`", paragraph):
            token = token.strip()
            if token in TARGETS:
                self.prefixes += [p + "/" for p in expand_target(token)]
                continue
            if token.startswith("<") or " " in token:
                continue  # a system header or prose in backticks
            path = token.rstrip("/")
            if path.split("/")[0] not in SCAN_ROOTS:
                continue  # a library name, not a folder of this repository
            full = os.path.join(root, path)
            if os.path.isdir(full):
                self.prefixes.append(path + "/")
                self.named_folders.append(path)
            elif os.path.splitext(path)[1]:
                self.prefixes.append(path)  # one header
            else:
                self.prefixes.append(path + ".")  # a header/source pair such as capture_writer

    def allows(self, include):
        if self.everything or include.startswith(self.folder + "/"):
            return True
        return any(include == p or (p.endswith(("/", ".")) and include.startswith(p))
                   for p in self.prefixes)


def load_rules(root):
    rules = {}
    for top in SCAN_ROOTS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
            if "README.md" in filenames:
                para = may_depend_paragraph(os.path.join(dirpath, "README.md"))
                if para is not None:
                    folder = os.path.relpath(dirpath, root).replace(os.sep, "/")
                    rules[folder] = Rule(root, folder, para)
    # "and what it depends on": the named folders' allowances join this folder's.
    changed = True
    while changed:
        changed = False
        for rule in rules.values():
            if not rule.transitive:
                continue
            for named in rule.named_folders:
                other = governing(rules, named + "/x")
                if other is None or other is rule:
                    continue
                for p in other.prefixes + [other.folder + "/"]:
                    if p not in rule.prefixes:
                        rule.prefixes.append(p)
                        changed = True
    return rules


def governing(rules, relpath):
    folder = os.path.dirname(relpath)
    while folder:
        if folder in rules:
            return rules[folder]
        folder = os.path.dirname(folder)
    return None


def check(root):
    rules = load_rules(root)
    problems = []
    for top in ("app", "widgets", "serial_link", "storage", "core", "firmware"):
        if os.path.isdir(os.path.join(root, top)) and top not in rules:
            problems.append(f"{top}/README.md: no 'May depend on:' line")
    used_exceptions = set()
    checked = 0
    for top in SCAN_ROOTS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for name in sorted(filenames):
                if not name.endswith(SOURCE_EXT):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
                rule = governing(rules, rel)
                if rule is None:
                    continue
                checked += 1
                ancestors = [r for f, r in rules.items() if rel.startswith(f + "/")]
                qt_ban = next((f"{r.folder}/README.md says no Qt" for r in ancestors if r.no_qt),
                              None)
                if qt_ban is None and rel.startswith(NO_QT_TREES):
                    qt_ban = "core/, storage/ and firmware/ never include Qt"
                sqlite_ban = next((f"{r.folder}/README.md says no SQLite" for r in ancestors
                                   if r.no_sqlite), None)
                with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
                    lines = f.readlines()
                for number, line in enumerate(lines, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    kind, inc = m.groups()
                    where = f"{rel}:{number}"
                    readme = f"{rule.folder}/README.md"
                    if kind == "<":
                        if qt_ban and QT_HEADER.match(inc):
                            problems.append(f"{where}: includes Qt <{inc}>: {qt_ban}")
                        if sqlite_ban and inc.startswith("sqlite3"):
                            problems.append(f"{where}: includes <{inc}>: {sqlite_ban}")
                        continue
                    local = os.path.normpath(os.path.join(os.path.dirname(rel), inc))
                    if os.path.exists(os.path.join(root, local)) and "/" not in inc:
                        continue  # a sibling header named without a folder
                    if inc.split("/")[0] not in SCAN_ROOTS:
                        continue  # generated (moc, resources) or a test's local helper
                    if (rel, inc) in ALLOWED_EXCEPTIONS:
                        used_exceptions.add((rel, inc))
                        continue
                    if not rule.allows(inc):
                        forbidden = os.path.dirname(inc)
                        problems.append(f"{where}: includes \"{inc}\": {forbidden}/ is not in "
                                        f"the 'May depend on:' line of {readme}")
    for stale in sorted(set(ALLOWED_EXCEPTIONS) - used_exceptions):
        if not os.path.exists(os.path.join(root, stale[0])):
            continue  # another tree (the self-test's fixture)
        problems.append(f"tests/layers/check_layers.py: allow-list entry {stale} no longer needed")
    for p in problems:
        print(p)
    print(f"check_layers: {checked} files, {len(rules)} READMEs, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(check(os.path.abspath(sys.argv[1])))
