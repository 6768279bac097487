#!/usr/bin/env python3
"""deploy/: the Kubernetes manifests checked against a schema of the fields they use (and their
shell scripts run here, with the pod's volumes mapped to folders), and the GNU parallel recipe run
with `-S :` (parallel's SSH mode on this machine). Each merged export must equal a plain run's.

    tests/deploy_test.py XXGK_BINARY
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
XXGK = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else os.path.join(ROOT, "build", "xxgk")
K8S = os.path.join(ROOT, "deploy", "k8s")

# The schema of what the manifests may say: every mapping's allowed keys (a typo or a misplaced key
# fails), required keys, and value types. Paths are the keys from the document's root.
STR, INT, BOOL, LIST, MAP = str, int, bool, list, dict
SCHEMA = {
    "": ({"apiVersion": STR, "kind": STR, "metadata": MAP, "spec": MAP}, {"apiVersion", "kind", "metadata", "spec"}),
    "metadata": ({"name": STR, "labels": MAP, "namespace": STR}, {"name"}),
    "metadata.labels": (None, set()),
    # batch/v1 Job
    "Job.spec": ({"completionMode": STR, "completions": INT, "parallelism": INT, "backoffLimit": INT,
                  "backoffLimitPerIndex": INT, "maxFailedIndexes": INT, "template": MAP, "ttlSecondsAfterFinished": INT},
                 {"template"}),
    "Job.spec.template": ({"metadata": MAP, "spec": MAP}, {"spec"}),
    "Job.spec.template.metadata": ({"labels": MAP}, set()),
    "Job.spec.template.metadata.labels": (None, set()),
    "Job.spec.template.spec": ({"restartPolicy": STR, "containers": LIST, "volumes": LIST}, {"restartPolicy", "containers"}),
    "container": ({"name": STR, "image": STR, "command": LIST, "args": LIST, "env": LIST, "resources": MAP,
                   "volumeMounts": LIST}, {"name", "image"}),
    "container.env": ({"name": STR, "value": STR}, {"name", "value"}),
    "container.resources": ({"requests": MAP, "limits": MAP}, set()),
    "container.resources.requests": ({"cpu": STR, "memory": STR}, set()),
    "container.resources.limits": ({"cpu": STR, "memory": STR}, set()),
    "container.volumeMounts": ({"name": STR, "mountPath": STR, "readOnly": BOOL}, {"name", "mountPath"}),
    "volume": ({"name": STR, "persistentVolumeClaim": MAP, "emptyDir": MAP}, {"name"}),
    "volume.persistentVolumeClaim": ({"claimName": STR, "readOnly": BOOL}, {"claimName"}),
    "volume.emptyDir": ({"sizeLimit": STR, "medium": STR}, set()),
    # v1 PersistentVolumeClaim
    "PersistentVolumeClaim.spec": ({"accessModes": LIST, "resources": MAP, "storageClassName": STR}, {"accessModes", "resources"}),
    "PersistentVolumeClaim.spec.resources": ({"requests": MAP}, {"requests"}),
    "PersistentVolumeClaim.spec.resources.requests": ({"storage": STR}, {"storage"}),
}
QUANTITY = re.compile(r"^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$")


def check(obj, path, errors):
    allowed, required = SCHEMA[path]
    if not isinstance(obj, dict):
        errors.append(f"{path}: not a mapping")
        return
    for key in required - set(obj):
        errors.append(f"{path}: missing {key}")
    if allowed is None:  # labels: any string → string
        errors.extend(f"{path}.{k}: not a string" for k, v in obj.items() if not isinstance(v, str))
        return
    for key, value in obj.items():
        if key not in allowed:
            errors.append(f"{path}: unknown field {key}")
        elif not isinstance(value, allowed[key]) or (allowed[key] is INT and isinstance(value, bool)):
            errors.append(f"{path}.{key}: expected {allowed[key].__name__}, got {type(value).__name__}")


def validate(doc):
    errors = []
    check(doc, "", errors)
    check(doc.get("metadata"), "metadata", errors)
    if "labels" in doc.get("metadata", {}):
        check(doc["metadata"]["labels"], "metadata.labels", errors)
    kind, api = doc.get("kind"), doc.get("apiVersion")
    if kind == "Job":
        if api != "batch/v1":
            errors.append(f"Job: apiVersion {api}, not batch/v1")
        spec = doc["spec"]
        check(spec, "Job.spec", errors)
        check(spec["template"], "Job.spec.template", errors)
        if "metadata" in spec["template"]:
            check(spec["template"]["metadata"], "Job.spec.template.metadata", errors)
            check(spec["template"]["metadata"].get("labels", {}), "Job.spec.template.metadata.labels", errors)
        pod = spec["template"]["spec"]
        check(pod, "Job.spec.template.spec", errors)
        if pod.get("restartPolicy") not in ("Never", "OnFailure"):
            errors.append("a Job's pods restart Never or OnFailure")
        if spec.get("completionMode", "NonIndexed") not in ("Indexed", "NonIndexed"):
            errors.append(f"completionMode {spec['completionMode']}")
        if "parallelism" in spec and spec["parallelism"] > spec.get("completions", 1):
            errors.append("parallelism above completions")
        if "backoffLimitPerIndex" in spec and spec.get("completionMode") != "Indexed":
            errors.append("backoffLimitPerIndex needs completionMode Indexed")
        volumes = {}
        for v in pod.get("volumes", []):
            check(v, "volume", errors)
            sources = [k for k in ("persistentVolumeClaim", "emptyDir") if k in v]
            if len(sources) != 1:
                errors.append(f"volume {v.get('name')}: exactly one source")
            for k in sources:
                check(v[k], f"volume.{k}", errors)
            volumes[v["name"]] = v
        for c in pod["containers"]:
            check(c, "container", errors)
            for e in c.get("env", []):
                check(e, "container.env", errors)
            res = c.get("resources", {})
            check(res, "container.resources", errors)
            for part in ("requests", "limits"):
                if part in res:
                    check(res[part], f"container.resources.{part}", errors)
                    errors.extend(f"{c['name']}: {part}.{k} {q!r} is not a quantity"
                                  for k, q in res[part].items() if not QUANTITY.match(str(q)))
            for m in c.get("volumeMounts", []):
                check(m, "container.volumeMounts", errors)
                if m["name"] not in volumes:
                    errors.append(f"{c['name']}: mounts {m['name']}, which is not a volume of the pod")
    elif kind == "PersistentVolumeClaim":
        if api != "v1":
            errors.append(f"PersistentVolumeClaim: apiVersion {api}")
        check(doc["spec"], "PersistentVolumeClaim.spec", errors)
        check(doc["spec"]["resources"], "PersistentVolumeClaim.spec.resources", errors)
        check(doc["spec"]["resources"]["requests"], "PersistentVolumeClaim.spec.resources.requests", errors)
        for mode in doc["spec"]["accessModes"]:
            if mode not in ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"):
                errors.append(f"access mode {mode}")
    else:
        errors.append(f"unexpected kind {kind}")
    return errors


def load_all():
    docs = {}
    for name in sorted(os.listdir(K8S)):
        if name.endswith(".yaml"):
            with open(os.path.join(K8S, name), encoding="utf-8") as f:
                for d in yaml.safe_load_all(f):
                    docs[(d["kind"], d["metadata"]["name"])] = d
    return docs


def export(db, folder):
    subprocess.run([XXGK, "export", "--db", db, "--csv", folder], check=True, stdout=subprocess.DEVNULL)
    out = ""
    for f in ("reports.csv", "figures.csv", "findings.csv"):
        with open(os.path.join(folder, f), encoding="utf-8") as fh:
            out += f + "\n" + re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "<time>", fh.read())
    return out


class Deploy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="xxgk-deploy-")
        cls.input = os.path.join(cls.tmp, "input")
        for sub in ("txt", "html"):
            shutil.copytree(os.path.join(ROOT, "corpus", sub), os.path.join(cls.input, sub),
                            ignore=shutil.ignore_patterns("*.json"))
        plain = os.path.join(cls.tmp, "plain.sqlite")
        r = subprocess.run([XXGK, "audit", cls.input, "--db", plain, "--progress", "none", "--log-level", "off", "--jobs", "2"],
                           stdout=subprocess.DEVNULL)
        assert r.returncode <= 1
        cls.plain = export(plain, os.path.join(cls.tmp, "plain-csv"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_manifests_follow_the_schema(self):
        docs = load_all()
        self.assertEqual(sorted(docs), [("Job", "xxgk-merge"), ("Job", "xxgk-shards"),
                                        ("PersistentVolumeClaim", "xxgk-input"), ("PersistentVolumeClaim", "xxgk-shared")])
        for key, d in docs.items():
            self.assertEqual(validate(d), [], key)
        claims = {name for kind, name in docs if kind == "PersistentVolumeClaim"}
        for kind, name in docs:
            if kind == "Job":
                for v in docs[(kind, name)]["spec"]["template"]["spec"]["volumes"]:
                    if "persistentVolumeClaim" in v:
                        self.assertIn(v["persistentVolumeClaim"]["claimName"], claims)
        shards = docs[("Job", "xxgk-shards")]["spec"]
        self.assertEqual(shards["completionMode"], "Indexed")
        env = {e["name"]: e["value"] for e in shards["template"]["spec"]["containers"][0]["env"]}
        self.assertEqual(int(env["XXGK_SHARDS"]), shards["completions"], "XXGK_SHARDS must equal completions")
        script = shards["template"]["spec"]["containers"][0]["args"][0]
        self.assertIn('--shard "$JOB_COMPLETION_INDEX/$XXGK_SHARDS"', script)

    def test_a_schema_error_is_caught(self):  # the check itself can fail
        d = load_all()[("Job", "xxgk-shards")]
        d["spec"]["template"]["spec"]["containers"][0]["volumeMount"] = []
        d["spec"]["parallelism"] = 99
        errors = validate(d)
        self.assertIn("container: unknown field volumeMount", errors)
        self.assertIn("parallelism above completions", errors)

    def run_pod(self, job, volumes, env):
        """Runs a Job's container script here: its mount paths mapped to folders, xxgk on PATH."""
        container = job["spec"]["template"]["spec"]["containers"][0]
        script = container["args"][0]
        for mount in sorted(container["volumeMounts"], key=lambda m: -len(m["mountPath"])):
            script = script.replace(mount["mountPath"], volumes[mount["name"]])
        full = dict(os.environ, PATH=os.path.dirname(XXGK) + os.pathsep + os.environ["PATH"])
        full.update({e["name"]: e["value"] for e in container.get("env", [])})
        full.update(env)
        r = subprocess.run(container["command"] + [script], env=full, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_the_jobs_scripts_build_the_plain_runs_store(self):
        docs = load_all()
        shards, merge = docs[("Job", "xxgk-shards")], docs[("Job", "xxgk-merge")]
        shared = os.path.join(self.tmp, "k8s-shared")
        os.makedirs(shared)
        n = shards["spec"]["completions"]
        for k in range(n):
            scratch = os.path.join(self.tmp, f"k8s-scratch-{k}")  # each pod its own emptyDir
            os.makedirs(scratch)
            self.run_pod(shards, {"input": self.input, "shared": shared, "scratch": scratch},
                         {"JOB_COMPLETION_INDEX": str(k), "XXGK_JOBS": "1"})
        self.assertEqual(len(os.listdir(os.path.join(shared, "shards"))), n)
        scratch = os.path.join(self.tmp, "k8s-scratch-merge")
        os.makedirs(scratch)
        self.run_pod(merge, {"shared": shared, "scratch": scratch}, {})
        self.assertTrue(os.path.exists(os.path.join(shared, "site", "index.html")))
        self.assertEqual(export(os.path.join(shared, "xxgk.sqlite"), os.path.join(self.tmp, "k8s-csv")), self.plain)

    def test_gnu_parallel_recipe_on_this_machine(self):
        if not shutil.which("parallel"):
            self.fail("GNU parallel is not installed (setup.sh installs it for the tests)")
        out = os.path.join(self.tmp, "parallel-out")
        cmd = [os.path.join(ROOT, "deploy", "parallel", "run.sh"), "--hosts", ":", "--input", self.input, "--out", out,
               "--shards", "3", "--jobs", "2", "--cpus", "1", "--xxgk", XXGK, "--scratch", os.path.join(self.tmp, "p-scratch")]
        r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, HOME=self.tmp))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sorted(os.listdir(os.path.join(out, "shards"))), ["shard-0.sqlite", "shard-1.sqlite", "shard-2.sqlite"])
        self.assertEqual(export(os.path.join(out, "xxgk.sqlite"), os.path.join(self.tmp, "parallel-csv")), self.plain)
        # Run again: every shard done, nothing rerun, the merge changes nothing.
        r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, HOME=self.tmp))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(export(os.path.join(out, "xxgk.sqlite"), os.path.join(self.tmp, "parallel-csv2")), self.plain)


if __name__ == "__main__":
    unittest.main(verbosity=2)
