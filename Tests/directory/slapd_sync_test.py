#!/usr/bin/env python3
"""`orgctl sync` against a real directory: OpenLDAP's slapd on a loopback port.

Starts slapd as the current user in a temporary folder (its own slapd.conf,
mdb backend, suffix dc=example,dc=org), loads about 150 inetOrgPerson entries
with ldapadd, reads them back with `ldapsearch -LLL` and syncs that into a
fresh database. Then one leaver (ldapdelete), one move (ldapmodify of a
manager) and one new hire (ldapadd) are made in the directory; the second
sync must plan exactly those three, apply them, and leave the chart in step.
slapd is stopped whatever happens.

    python3 Tests/directory/slapd_sync_test.py PATH/TO/orgctl [--extra-change]

--extra-change makes a fourth change in the directory (a title), which the
test must then refuse: it shows the test can fail.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

SUFFIX = "dc=example,dc=org"
PEOPLE = "ou=People," + SUFFIX
ROOT_DN = "cn=admin," + SUFFIX
ROOT_PW = "secret"
COUNT = 150

FIRST = ["Małgorzata", "Mikaël", "Nuño", "Noémie", "Ingrid", "Olafur", "Amara", "Søren", "Zoë", "José",
         "Anaïs", "Björn", "Çağla", "Dorothée", "Łukasz", "Renée", "Jürgen", "Inés", "Håkon", "Ægir"]
LAST = ["Nowak", "Søndergaard", "Peña", "Brun", "Bergman", "Arnalds", "Okafor", "Kierkegaard", "Müller", "Gonçalves",
        "Dvořák", "Öztürk", "Lefèvre", "Ibáñez", "Wójcik"]
UNITS = ["Opérations", "Delivery", "Finance", "Ventes"]


def tool(name):
    """The path of a command, also looking in the sbin folders a user's PATH may lack."""
    for folder in [None, "/usr/sbin", "/sbin"]:
        found = shutil.which(name, path=folder)
        if found:
            return found
    return None


def install_when_missing():
    if tool("slapd") and tool("ldapadd") and tool("ldapsearch"):
        return
    print("slapd or ldap-utils is missing; installing Debian's slapd and ldap-utils", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    prefix = [] if os.geteuid() == 0 else ["sudo", "-E"]
    subprocess.run(prefix + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(prefix + ["apt-get", "install", "-y", "-qq", "slapd", "ldap-utils"], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dn(uid):
    return f"uid={uid},{PEOPLE}"


def person(index, manager):
    """One inetOrgPerson entry as LDIF; accented names, some with ou, some with departmentNumber."""
    uid = f"e{index:03d}"
    first, last = FIRST[index % len(FIRST)], LAST[(index * 7) % len(LAST)]
    title = "Chief Executive Officer" if manager is None else ("Director" if index <= 6 else "Engineer")
    lines = [f"dn: {dn(uid)}", "objectClass: inetOrgPerson", f"uid: {uid}", f"cn: {first} {last}",
             f"sn: {last}", f"givenName: {first}", f"title: {title}", f"employeeNumber: {1000 + index}"]
    unit = UNITS[index % len(UNITS)]
    lines.append(f"ou: {unit}" if index % 3 else f"departmentNumber: {unit}")
    if manager is not None:
        lines.append(f"manager: {dn(manager)}")
    return "\n".join(lines) + "\n"


def manager_of(index):
    return None if index == 1 else f"e{(index - 2) // 5 + 1:03d}"


class Directory:
    def __init__(self, folder):
        self.folder = folder
        self.url = f"ldap://127.0.0.1:{free_port()}"
        self.process = None

    def start(self):
        db = os.path.join(self.folder, "db")
        os.makedirs(db)
        conf = os.path.join(self.folder, "slapd.conf")
        with open(conf, "w") as out:
            out.write(f"""include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {self.folder}/slapd.pid
argsfile {self.folder}/slapd.args
database mdb
maxsize 104857600
suffix "{SUFFIX}"
rootdn "{ROOT_DN}"
rootpw {ROOT_PW}
directory {db}
""")
        # -d 0: in the foreground, so that this script owns the process and stops it.
        self.process = subprocess.Popen([tool("slapd"), "-f", conf, "-h", self.url + "/", "-d", "0"],
                                        stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.folder, "slapd.log"), "w"))
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("slapd stopped at start-up:\n" + open(os.path.join(self.folder, "slapd.log")).read())
            probe = subprocess.run([tool("ldapsearch"), "-x", "-H", self.url, "-b", "", "-s", "base"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if probe.returncode == 0:
                return
            time.sleep(0.2)
        raise SystemExit("slapd did not answer on " + self.url)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def ldap(self, command, ldif):
        subprocess.run([tool(command), "-x", "-H", self.url, "-D", ROOT_DN, "-w", ROOT_PW], input=ldif.encode(),
                       check=True, stdout=subprocess.DEVNULL)

    def search(self, path):
        with open(path, "wb") as out:
            subprocess.run([tool("ldapsearch"), "-x", "-LLL", "-H", self.url, "-b", PEOPLE, "(objectClass=inetOrgPerson)"],
                           stdout=out, check=True)


def orgctl(binary, *arguments, expect=0):
    run = subprocess.run([binary, *arguments], capture_output=True, text=True)
    if run.returncode != expect:
        raise SystemExit(f"orgctl {' '.join(arguments)} exited {run.returncode}, not {expect}:\n{run.stdout}{run.stderr}")
    return run.stdout


def check_plan(plan, expected):
    """The plan's steps are exactly `expected` (kind, role, and the manager where it has one)."""
    def manager(step):
        # A move's "to" and a join's "manager" are roles; a change's "to" is a value.
        other = step.get("manager") if step["kind"] == "join" else step.get("to") if step["kind"] == "move" else None
        return other["key"] if isinstance(other, dict) else other
    found = sorted((step["kind"], step["role"]["key"], manager(step)) for step in plan["steps"])
    if found != sorted(expected):
        raise AssertionError(f"the plan has {found}, not {sorted(expected)}")
    counts = (plan["joins"], plan["moves"], plan["leaves"], plan["changed"])
    if counts != (1, 1, 1, 0):
        raise AssertionError(f"the plan counts joins, moves, leaves, changes as {counts}, not (1, 1, 1, 0)")


def self_check():
    """check_plan refuses a plan with a fourth change: the test can fail."""
    plan = {"joins": 1, "moves": 1, "leaves": 1, "changed": 1, "steps": [
        {"kind": "leave", "role": {"key": "e150"}}, {"kind": "move", "role": {"key": "e140"}, "to": {"key": "e002"}},
        {"kind": "join", "role": {"key": "e151"}, "manager": {"key": "e003"}},
        {"kind": "change", "role": {"key": "e010"}, "field": "title"}]}
    try:
        check_plan(plan, EXPECTED)
    except AssertionError:
        return
    raise SystemExit("check_plan accepted a plan with four changes")


EXPECTED = [("leave", "e150", None), ("move", "e140", "e002"), ("join", "e151", "e003")]


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    extra = "--extra-change" in sys.argv[2:]
    self_check()
    install_when_missing()
    with tempfile.TemporaryDirectory(prefix="orgctl-slapd-") as folder:
        directory = Directory(folder)
        try:
            directory.start()
            entries = [f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example\n",
                       f"dn: {PEOPLE}\nobjectClass: organizationalUnit\nou: People\n"]
            entries += [person(index, manager_of(index)) for index in range(1, COUNT + 1)]
            directory.ldap("ldapadd", "\n".join(entries))
            first = os.path.join(folder, "first.ldif")
            directory.search(first)
            text = open(first, encoding="utf-8").read()
            assert text.count("\ndn: ") + text.startswith("dn: ") == COUNT, "ldapsearch did not return every entry"
            assert "cn:: " in text, "no accented name came back base64-encoded"
            db = os.path.join(folder, "chart.db")
            orgctl(binary, "sync", first, "--apply", "--db", db)
            chain = orgctl(binary, "chain", "e150", "--db", db, "--json")
            assert '"e001"' in chain, "e150's chain does not reach the top"
            orgctl(binary, "sync", first, "--exit-code", "--db", db)

            # A leaver, a move and a new hire.
            directory.ldap("ldapdelete", dn("e150") + "\n")
            directory.ldap("ldapmodify", f"dn: {dn('e140')}\nchangetype: modify\nreplace: manager\nmanager: {dn('e002')}\n")
            directory.ldap("ldapadd", person(151, "e003"))
            if extra:
                directory.ldap("ldapmodify", f"dn: {dn('e010')}\nchangetype: modify\nreplace: title\ntitle: Principal Engineer\n")
            second = os.path.join(folder, "second.ldif")
            directory.search(second)

            plan = json.loads(orgctl(binary, "sync", second, "--json", "--db", db))
            if plan["applied"]:
                raise AssertionError("the dry run says it applied the plan")
            check_plan(plan, EXPECTED)
            applied = json.loads(orgctl(binary, "sync", second, "--apply", "--json", "--db", db))
            check_plan(applied, EXPECTED)
            orgctl(binary, "sync", second, "--exit-code", "--db", db)
            chain = orgctl(binary, "chain", "e140", "--db", db)
            if "e002" not in chain:
                raise AssertionError("e140 does not report through e002 after the move:\n" + chain)
        finally:
            directory.stop()
    print(f"slapd sync test passed: {COUNT} entries synced, then a leaver, a move and a new hire planned and applied")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        raise SystemExit(f"slapd sync test FAILED: {failure}")
