-- wrk script for bench/serve-load.sh: POST /v1/answers, cycling through 20 different questions
-- (one per request, per connection offset so connections ask different things at once).
local questions = {
  "What causes blepharospasm?", "How is gout treated?", "What are the symptoms of stroke?",
  "first line treatment for hypertension", "What is the prognosis of ALS?", "How is migraine prevented?",
  "What causes iron deficiency anemia?", "side effects of metformin", "How is asthma diagnosed?",
  "What are the treatments for Parkinson's disease?", "Is psoriasis inherited?", "How common is epilepsy?",
  "What causes kidney stones?", "treatment of community-acquired pneumonia", "What are the symptoms of lupus?",
  "How is osteoporosis treated?", "What causes glaucoma?", "dose of amoxicillin for otitis media in children",
  "How is hepatitis C treated?", "What are the risk factors for breast cancer?",
}
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function setup(thread)
  thread:set("offset", counter * 7)
  counter = counter + 1
end

function request()
  offset = offset + 1
  local question = questions[(offset % #questions) + 1]
  return wrk.format(nil, "/v1/answers", nil, '{"question": "' .. question .. '"}')
end

function done(summary, latency, requests)
  io.write(string.format("wrk: %d requests, %d errors (connect %d, read %d, write %d, status %d, timeout %d)\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("wrk: %.1f requests/s, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
