-- POST an interaction with a fresh id to one of 10,000 customers; each wrk thread numbers its own requests, under a
-- run id so a second run writes new interactions instead of retrying the first run's.
local run = os.getenv("RG_RUN") or tostring(os.time())
local counter = 0
local thread_id = 0
local next_thread = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  thread_id = tonumber(wrk.thread:get("thread_id")) or 0
end

function request()
  counter = counter + 1
  local customer = (counter * 7919 + thread_id) % 10000
  local body = string.format(
    '{"interactionId":"wrk-%s-%d-%d","channel":"web","direction":"inbound","author":{"kind":"customer"},"text":"Hello from wrk"}',
    run, thread_id, counter)
  return wrk.format("POST", "/api/v1/customers/wrk-" .. customer .. "/interactions",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("RG_KEY") }, body)
end
