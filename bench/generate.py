#!/usr/bin/env python3
"""Writes a deterministic, realistic organisation as orgctl CSV files.

    generate.py SIZE OUTDIR [--seed N]

OUTDIR/roles.csv and OUTDIR/units.csv: about SIZE roles with a span of
control around 7 and a depth of 9-10, shuffled keys and file order (as an HR
export would have: no tree locality), some vacancies and dotted lines, and a
few PMOs of each type governing projects whose managers sit as the PMO type
implies. OUTDIR/facts.txt holds the keys the benchmark asks about. The
sqlite3 baseline imports roles.csv itself.
"""
import argparse, csv, os, random

TITLES = ["Engineer", "Analyst", "Consultant", "Specialist", "Coordinator", "Designer", "Accountant", "Officer"]
FIRST = ["Amara", "Ben", "Chloé", "Daniel", "Elif", "Farah", "Grace", "Henrik", "Isabel", "Jun", "Kwame", "Lena", "Mei", "Noah", "Olga", "Priya", "Ravi", "Sofia", "Tomasz", "Yuki"]
LAST = ["Okafor", "Whitfield", "Nowak", "Raman", "Marques", "Osei", "Lund", "Fischer", "Mensah", "Patel", "Chen", "Grant", "Duarte", "de Vries", "Zahra", "Moreau", "Kowalska", "Bernard", "Tanaka", "Williams"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("size", type=int)
    parser.add_argument("outdir")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)

    # Breadth-first growth: two in five roles are individual contributors, the
    # others manage 4-10 people (span about 7), so the chart is about
    # log4.2(size) deep: 9-10 levels at a million.
    parent = [-1]
    depth = [0]
    queue = [0]
    head = 0
    while len(parent) < args.size:
        manager = queue[head]
        head += 1
        for _ in range(0 if manager and rng.random() < 0.4 else rng.randint(4, 10)):
            if len(parent) >= args.size:
                break
            parent.append(manager)
            depth.append(depth[manager] + 1)
            queue.append(len(parent) - 1)
    n = len(parent)
    children = [[] for _ in range(n)]
    for i in range(1, n):
        children[parent[i]].append(i)

    # Shuffled keys: the key says nothing about the position.
    numbers = list(range(1, n + 1))
    rng.shuffle(numbers)
    key = [f"r{numbers[i]:07d}" for i in range(n)]

    # Units: a company, divisions under the root's reports, and four PMOs of
    # each type inside divisions, each governing a few projects.
    divisions = children[0]
    units = [("acme", "Acme Holdings", "company", "", "", key[0], "")]
    unit_of = ["acme"] * n
    for d, manager in enumerate(divisions):
        units.append((f"div{d}", f"Division {d}", "division", "", "acme", key[manager], ""))
        stack = [manager]
        while stack:
            node = stack.pop()
            unit_of[node] = f"div{d}"
            stack.extend(children[node])
    types = ["supportive", "controlling", "directive", "enterprise"]
    dotted = {}
    pmo_count = 0
    managers_at_3 = [i for i in range(n) if depth[i] == 3 and children[i]]
    rng.shuffle(managers_at_3)
    candidates = iter(managers_at_3)
    for pmo_type in types:
        for copy in range(1 if pmo_type == "enterprise" else 3):
            head_role = next(candidates, None)
            if head_role is None:
                break
            pmo_key = f"pmo{pmo_count}"
            pmo_count += 1
            parent_unit = "acme" if pmo_type == "enterprise" else unit_of[head_role]
            units.append((pmo_key, f"{pmo_type.title()} PMO {copy}", "pmo", pmo_type, parent_unit, key[head_role], ""))
            unit_of[head_role] = pmo_key
            # Projects: under a directive PMO the PMs are its reports; under
            # the others, PMs elsewhere in the division, dotted to a
            # controlling PMO.
            if pmo_type == "directive":
                pms = children[head_role][:3]
            else:
                pms = [i for i in rng.sample(range(1, n), min(n - 1, 400))
                       if unit_of[i] == parent_unit and i != head_role and parent[i] != head_role][:3]
            for p, pm in enumerate(pms):
                project = f"{pmo_key}-proj{p}"
                units.append((project, f"Project {pmo_key}.{p}", "project", "", parent_unit, key[pm], pmo_key))
                unit_of[pm] = project
                if pmo_type == "controlling":
                    dotted.setdefault(pm, []).append(head_role)

    # A few percent of other roles have a dotted line to a manager in a
    # different branch at a shallower depth (never a cycle: dotted lines
    # point strictly upwards in depth, solid lines too).
    for i in rng.sample(range(1, n), n // 50):
        target = rng.randrange(n)
        if depth[target] < depth[i] and target != parent[i] and children[target]:
            dotted.setdefault(i, []).append(target)

    order = list(range(n))
    rng.shuffle(order)
    with open(os.path.join(args.outdir, "roles.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["key", "title", "holder", "reports_to", "unit", "dotted_to", "grade", "salary", "currency"])
        for i in order:
            title = "Chief Executive Officer" if i == 0 else ("Manager, " if children[i] else "") + rng.choice(TITLES)
            holder = "" if rng.random() < 0.06 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            reports = key[parent[i]] if parent[i] >= 0 else ""
            dots = ";".join(key[t] for t in dotted.get(i, []))
            grade = max(1, 12 - depth[i])
            salary = 30000 + 9000 * grade + rng.randrange(5000)
            writer.writerow([key[i], title, holder, reports, unit_of[i], dots, grade, salary, "GBP"])
    with open(os.path.join(args.outdir, "units.csv"), "w", newline="") as out:
        out.write("key,name,kind,pmo_type,parent,head,governed_by\n")
        for unit in units:
            out.write(",".join(unit) + "\n")
    write_line_heavy_files(args, n, parent, depth, key, order)

    # The roles the workloads ask about: the root, a manager with about 10k
    # people below (or the largest subtree under that), the deepest role, and
    # a role far from it.
    size = [1] * n
    for i in range(n - 1, 0, -1):
        size[parent[i]] += size[i]
    # (in a small chart, a manager with a tenth of it)
    team = min(10000, n // 10)
    mid = min(range(1, n), key=lambda i: (abs(size[i] - team), depth[i]))
    deepest = max(range(n), key=lambda i: (depth[i], -i))
    # A role as deep as possible in a different top-level branch.
    def branch(i):
        while parent[i] > 0:
            i = parent[i]
        return i
    far = max((i for i in range(n) if branch(i) != branch(deepest)), key=lambda i: (depth[i], -i), default=deepest)
    leaf_manager = next(i for i in range(1, n) if children[i] and not children[children[i][0]])
    with open(os.path.join(args.outdir, "facts.txt"), "w") as out:
        out.write(f"ROOT={key[0]}\nMID={key[mid]}\nMID_SIZE={size[mid] - 1}\nDEEPEST={key[deepest]}\nFAR={key[far]}\n")
        out.write(f"MAX_DEPTH={max(depth)}\nSIZE={n}\nNEW_MANAGER={key[leaf_manager]}\nMID_PARENT={key[parent[mid]]}\n")
        # A manager in another top-level branch to move MID's tree under.
        outside = next(i for i in children[0] if i != branch(mid))
        out.write(f"MOVE_TARGET={key[outside]}\n")



def write_line_heavy_files(args, n, parent, depth, key, order):
    """Inputs for imports whose checks once grew with the square of the
    file: roles-dotted.csv, the same chart with up to three dotted lines per
    role (to roles higher up, so never a loop), and units-governed.csv, a
    tenth as many units as roles (projects inside earlier units), each
    governed by a PMO, with roles-one.csv to import beside it. A generator of
    its own keeps the other files as they were."""
    rng = random.Random(args.seed + 1)
    # Growth is breadth first, so the roles above depth d are exactly those
    # numbered below the first role at depth d.
    first_at = {}
    for i in range(n):
        first_at.setdefault(depth[i], i)
    with open(os.path.join(args.outdir, "roles-dotted.csv"), "w", newline="") as out:
        out.write("key,title,reports_to,dotted_to\n")
        for i in order:
            above = first_at[depth[i]]
            dots = {t for t in (rng.randrange(above) for _ in range(3 if above else 0)) if t != parent[i]}
            out.write(f"{key[i]},Role,{key[parent[i]] if parent[i] >= 0 else ''},{';'.join(key[t] for t in sorted(dots))}\n")
    count = max(100, n // 10)
    pmos = max(4, count // 50)
    with open(os.path.join(args.outdir, "units-governed.csv"), "w", newline="") as out:
        out.write("key,name,kind,pmo_type,parent,head,governed_by\ngco,Group,company,,,gboss,\n")
        for p in range(pmos):
            out.write(f"gpmo{p},PMO {p},pmo,controlling,gco,,\n")
        for u in range(count - pmos - 1):
            inside = "gco" if u < 10 else f"gu{rng.randrange(u)}"
            out.write(f"gu{u},Project {u},project,,{inside},,gpmo{rng.randrange(pmos)}\n")
    with open(os.path.join(args.outdir, "roles-one.csv"), "w", newline="") as out:
        out.write("key,title,unit\ngboss,Group CEO,gco\n")


if __name__ == "__main__":
    main()
