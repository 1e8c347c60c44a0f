"""What the runners of real GIMP share (tests/gimp, tests/gui): Script-Fu strings, the
version of a GIMP program, the plug-in installed as GIMP wants it, and a language for
GIMP and gettext."""

import os
import re
import shutil
import subprocess
import sys

DOMAIN = "gimp-neural-style"
# glibc's C.UTF-8, which the language trick copies (see speak()).
C_UTF8 = "/usr/lib/locale/C.utf8"


def scheme_string(text):
    """`text` as a Script-Fu string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def gimp_version(gimp):
    """The version of the GIMP program `gimp`, as (major, minor, micro); exits with a
    message when `gimp --version` names none."""
    done = subprocess.run([gimp, "--version"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, errors="replace", check=True)
    match = re.search(r"version (\d+)\.(\d+)\.(\d+)", done.stdout)
    if not match:
        sys.exit(f"cannot tell the version of {gimp} from: {done.stdout.strip()}")
    return tuple(int(n) for n in match.groups())


def gimp_major(version):
    """2 for GIMP 2.10, 3 for GIMP 3 and its development versions (2.99)."""
    return 3 if version >= (2, 99) else 2


def install_plugin(plugin, plugins, name="neural-style", paintings=None, locale_dir=None,
                   languages=None):
    """Installs the executable `plugin` as GIMP wants it, <plugins>/<name>/<name>, with
    beside it (where the plug-in looks first: plugin/beside_plugin.h) the built-in
    paintings in paintings/ when `paintings` is given, and the catalogues of `languages`
    (all when None) from `locale_dir` in locale/. Returns the installed executable."""
    folder = os.path.join(plugins, name)
    os.makedirs(folder)
    executable = shutil.copy2(plugin, os.path.join(folder, name))
    if paintings:
        shutil.copytree(paintings, os.path.join(folder, "paintings"))
    for language in (os.listdir(locale_dir) if locale_dir else []):
        mo = os.path.join(locale_dir, language, "LC_MESSAGES", DOMAIN + ".mo")
        if os.path.isfile(mo) and (languages is None or language in languages):
            target = os.path.join(folder, "locale", language, "LC_MESSAGES")
            os.makedirs(target)
            shutil.copy2(mo, target)
    return executable


def speak(env, language, root):
    """`env` for GIMP and gettext in `language` ("en" is the msgids).

    The plain C locale ignores LANGUAGE, so C.UTF-8 it is; but glibc 2.41 (Debian 13)
    ignores LANGUAGE under C.UTF-8 too, and these machines have no other locale. So a copy
    of C.UTF-8 goes under <root>/locales with the language's name (de_DE.UTF-8), found
    through LOCPATH: messages in the language, C formats."""
    env = dict(env)
    env["LC_ALL"] = "C.UTF-8"
    env.pop("LOCPATH", None)
    if language == "en":
        env.pop("LANGUAGE", None)
        return env
    env["LANGUAGE"] = language
    if os.path.isdir(C_UTF8):
        name = f"{language}_{language.upper()}.UTF-8"
        locales = os.path.join(root, "locales")
        if not os.path.isdir(os.path.join(locales, name)):
            shutil.copytree(C_UTF8, os.path.join(locales, name))
        env.update(LOCPATH=locales, LC_ALL=name)
    return env


def translated(text, domain, env, locale_dir=None):
    """`text` from catalogue `domain` in the language of `env` (speak()), by gettext(1);
    from `locale_dir` when given, else from the installed catalogues."""
    env = dict(env)
    if locale_dir:
        env["TEXTDOMAINDIR"] = locale_dir
    return subprocess.run(["gettext", "-d", domain, text], env=env, stdout=subprocess.PIPE,
                          text=True, check=True).stdout
