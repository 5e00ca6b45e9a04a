#!/usr/bin/env python3
"""A Linux x86-64 jar with only what `itinera run` of a journey with a remote model loads.

Keeps every entry of each package from which a class was loaded in a traced run
(`-Xlog:class+load=info:file=LOG`), every other resource, and of the native libraries only those
for Linux x86-64 (no ONNX Runtime: the model is scored by the server).

    python3 bench/gpu/slim_jar.py FULL.jar CLASS_LOAD_LOG... --out SLIM.jar
"""
import argparse
import re
import zipfile

NATIVE = re.compile(r"\.(so|dll|jnilib|dylib|a|lib)(\.\d+)*$")
LINUX_X64 = re.compile(r"(linux[-_/]?(x86[-_]?64|amd64|64)|linux64|linux/x64)", re.IGNORECASE)


def loaded_packages(logs):
    packages = set()
    for log in logs:
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                match = re.search(r"\]\s*([\w.$]+) source: (jar:)?file:.*\.jar", line)
                if match:
                    packages.add(match.group(1).rpartition(".")[0].replace(".", "/"))
    return packages


def package_of(entry):
    path = re.sub(r"^META-INF/versions/\d+/", "", entry)
    return path.rpartition("/")[0]


def keep(entry, packages):
    if entry.endswith("/"):
        return False
    if entry.endswith(".class") and entry != "module-info.class":
        return package_of(entry) in packages
    if entry.startswith("ai/onnxruntime/native/"):
        return False
    if NATIVE.search(entry):
        return bool(LINUX_X64.search(entry)) and "musl" not in entry
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("jar")
    parser.add_argument("logs", nargs="+")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    packages = loaded_packages(args.logs)
    kept = dropped = 0
    with zipfile.ZipFile(args.jar) as source, zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if keep(info.filename, packages):
                target.writestr(info, source.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
                kept += 1
            else:
                dropped += 1
    print("%s: %d entries of %d packages kept, %d dropped" % (args.out, kept, len(packages), dropped))


if __name__ == "__main__":
    main()
