using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Evaluation;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorStore
{
    private static readonly HashSet<string> BatchEndpoints = ["/v1/chat/completions", "/v1/embeddings"];
    private readonly Dictionary<string, StoredBatch> _batches = new(StringComparer.Ordinal);

    public JsonObject CreateBatch(JsonObject body)
    {
        var inputFileId = RequireString(body, "input_file_id");
        var endpoint = RequireString(body, "endpoint");
        var window = RequireString(body, "completion_window");
        if (!BatchEndpoints.Contains(endpoint))
        {
            throw ApiError.BadRequest($"Invalid value for 'endpoint': '{endpoint}'. The emulator supports '/v1/chat/completions' and '/v1/embeddings'.", "endpoint", "invalid_value");
        }

        if (window != "24h")
        {
            throw ApiError.BadRequest($"Invalid value for 'completion_window': '{window}'. Supported values are: '24h'.", "completion_window", "invalid_value");
        }

        var metadata = ParseMetadata(body["metadata"]);
        lock (_gate)
        {
            AdvanceAllLocked();
            if (!_files.TryGetValue(inputFileId, out var file))
            {
                throw ApiError.BadRequest($"Invalid 'input_file_id': '{inputFileId}'. File not found.", "input_file_id", "invalid_value");
            }

            if (file.Purpose != "batch")
            {
                throw ApiError.BadRequest($"The input file {inputFileId} has purpose '{file.Purpose}', expected 'batch'.", "input_file_id", "invalid_value");
            }

            var now = Clock.Now;
            var batch = new StoredBatch
            {
                Id = Ids.Next("batch_"),
                InputFileId = inputFileId,
                Endpoint = endpoint,
                CompletionWindow = window,
                Metadata = metadata,
                Sequence = NextSequence(),
                Created = now,
                PhaseStart = now,
            };
            _batches[batch.Id] = batch;
            return batch.ToJson();
        }
    }

    public JsonObject ListBatches(string? after, int limit)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var batches = _batches.Values.OrderByDescending(b => b.Sequence).ToList();
            return Page(batches, b => b.Id, b => b.ToJson(), after, limit, withFirstLast: true);
        }
    }

    public JsonObject GetBatch(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            return FindBatch(id).ToJson();
        }
    }

    public JsonObject CancelBatch(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var batch = FindBatch(id);
            if (batch.IsTerminal || batch.Status == "cancelling")
            {
                throw ApiError.BadRequest($"Cannot cancel a batch with status '{batch.Status}'.", code: "invalid_state");
            }

            var now = Clock.Now;
            batch.Status = "cancelling";
            batch.CancellingAt = now.ToUnixTimeSeconds();
            batch.PhaseStart = now;
            return batch.ToJson();
        }
    }

    private StoredBatch FindBatch(string id) =>
        _batches.TryGetValue(id, out var batch) ? batch : throw ApiError.NotFound($"No batch found with id '{id}'.", "batch_id");

    private void AdvanceBatchesLocked(DateTimeOffset now)
    {
        foreach (var batch in _batches.Values)
        {
            AdvanceBatch(batch, now);
        }
    }

    private void AdvanceBatch(StoredBatch batch, DateTimeOffset now)
    {
        var phase = Options.BatchPhaseDuration;
        while (!batch.IsTerminal)
        {
            switch (batch.Status)
            {
                case "validating":
                    {
                        var at = batch.PhaseStart + phase;
                        if (now < at)
                        {
                            return;
                        }

                        ValidateBatch(batch, at);
                        break;
                    }

                case "in_progress":
                    {
                        var per = Math.Max(1, Options.BatchRequestDuration.Ticks);
                        var reachable = (int)Math.Min(batch.Requests.Count, (now - batch.PhaseStart).Ticks / per);
                        while (batch.Done < reachable)
                        {
                            ExecuteBatchRequest(batch, batch.Requests[batch.Done]);
                            batch.Done++;
                        }

                        if (batch.Done < batch.Requests.Count)
                        {
                            return;
                        }

                        var at = batch.PhaseStart + TimeSpan.FromTicks(per * batch.Requests.Count);
                        batch.Status = "finalizing";
                        batch.FinalizingAt = at.ToUnixTimeSeconds();
                        batch.PhaseStart = at;
                        break;
                    }

                case "finalizing":
                case "cancelling":
                    {
                        var at = batch.PhaseStart + phase;
                        if (now < at)
                        {
                            return;
                        }

                        WriteBatchFiles(batch);
                        if (batch.Status == "finalizing")
                        {
                            batch.Status = "completed";
                            batch.CompletedAt = at.ToUnixTimeSeconds();
                        }
                        else
                        {
                            batch.Status = "cancelled";
                            batch.CancelledAt = at.ToUnixTimeSeconds();
                        }

                        break;
                    }

                default:
                    return;
            }

            if (!batch.IsTerminal && now >= batch.Created + TimeSpan.FromHours(24))
            {
                WriteBatchFiles(batch);
                batch.Status = "expired";
                batch.ExpiredAt = (batch.Created + TimeSpan.FromHours(24)).ToUnixTimeSeconds();
            }
        }
    }

    private void ValidateBatch(StoredBatch batch, DateTimeOffset at)
    {
        var errors = new JsonArray();
        var requests = new List<JsonObject>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (_files.TryGetValue(batch.InputFileId, out var file))
        {
            using var reader = new StreamReader(file.OpenRead(), Encoding.UTF8);
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                JsonObject? request = null;
                try
                {
                    request = JsonNode.Parse(line) as JsonObject;
                }
                catch (JsonException)
                {
                }

                string? problem = null;
                string code = "invalid_request";
                if (request is null)
                {
                    problem = "The line is not a JSON object.";
                    code = "invalid_json_line";
                }
                else if (request["custom_id"] is not JsonValue cid || !cid.TryGetValue(out string? customId) || string.IsNullOrEmpty(customId))
                {
                    problem = "Missing 'custom_id'.";
                }
                else if (!seen.Add(customId))
                {
                    problem = $"The custom_id '{customId}' is used more than once; custom_id must be unique within the file.";
                    code = "duplicate_custom_id";
                }
                else if (JsonText.Str(request["method"]) != "POST")
                {
                    problem = "'method' must be POST.";
                }
                else if (JsonText.Str(request["url"]) != batch.Endpoint)
                {
                    problem = $"The url '{JsonText.Str(request["url"])}' does not match the batch endpoint '{batch.Endpoint}'.";
                    code = "mismatched_endpoint";
                }
                else if (request["body"] is not JsonObject)
                {
                    problem = "'body' must be an object.";
                }

                if (problem is not null)
                {
                    errors.Add((JsonNode)new JsonObject { ["code"] = code, ["message"] = problem, ["param"] = null, ["line"] = lineNumber });
                }
                else
                {
                    requests.Add(request!);
                }
            }
        }
        else
        {
            errors.Add((JsonNode)new JsonObject { ["code"] = "file_not_found", ["message"] = $"Input file {batch.InputFileId} was not found.", ["param"] = "input_file_id", ["line"] = null });
        }

        if (requests.Count > FineTuningLimits.MaxBatchRequests)
        {
            errors.Add((JsonNode)new JsonObject { ["code"] = "too_many_requests", ["message"] = string.Create(CultureInfo.InvariantCulture, $"A batch can contain at most {FineTuningLimits.MaxBatchRequests:N0} requests."), ["param"] = null, ["line"] = null });
        }

        if (errors.Count > 0 || requests.Count == 0)
        {
            if (errors.Count == 0)
            {
                errors.Add((JsonNode)new JsonObject { ["code"] = "empty_file", ["message"] = "The input file contains no requests.", ["param"] = null, ["line"] = null });
            }

            batch.Errors = errors;
            batch.Status = "failed";
            batch.FailedAt = at.ToUnixTimeSeconds();
            return;
        }

        batch.Requests = requests;
        batch.Model = JsonText.Str(requests[0]["body"]?["model"]);
        batch.Status = "in_progress";
        batch.InProgressAt = at.ToUnixTimeSeconds();
        batch.PhaseStart = at;
    }

    private void ExecuteBatchRequest(StoredBatch batch, JsonObject request)
    {
        var customId = (string)request["custom_id"]!;
        var body = (JsonObject)request["body"]!;
        var requestId = Ids.Next("req_", 32);
        JsonObject responseBody;
        var status = 200;
        try
        {
            if (batch.Endpoint == "/v1/chat/completions")
            {
                responseBody = ChatResponder.Complete(this, body, out _);
                batch.InputTokens += (int?)responseBody["usage"]?["prompt_tokens"] ?? 0;
                batch.OutputTokens += (int?)responseBody["usage"]?["completion_tokens"] ?? 0;
            }
            else
            {
                responseBody = EmbeddingResponder.Embed(this, body);
                batch.InputTokens += (int?)responseBody["usage"]?["prompt_tokens"] ?? 0;
            }
        }
        catch (ApiError error)
        {
            responseBody = error.ToJson();
            status = error.Status;
        }

        var line = new JsonObject
        {
            ["id"] = Ids.Next("batch_req_"),
            ["custom_id"] = customId,
            ["response"] = new JsonObject { ["status_code"] = status, ["request_id"] = requestId, ["body"] = responseBody },
            ["error"] = null,
        };
        if (status == 200)
        {
            batch.Completed++;
            batch.OutputLines.Add(line.ToJsonString());
        }
        else
        {
            batch.Failed++;
            batch.ErrorLines.Add(line.ToJsonString());
        }
    }

    private void WriteBatchFiles(StoredBatch batch)
    {
        if (batch.OutputLines.Count > 0 && batch.OutputFileId is null)
        {
            batch.OutputFileId = StoreFileLocked("batch_" + batch.Id + "_output.jsonl", "batch_output", Encoding.UTF8.GetBytes(string.Join('\n', batch.OutputLines) + "\n"), null).Id;
        }

        if (batch.ErrorLines.Count > 0 && batch.ErrorFileId is null)
        {
            batch.ErrorFileId = StoreFileLocked("batch_" + batch.Id + "_error.jsonl", "batch_output", Encoding.UTF8.GetBytes(string.Join('\n', batch.ErrorLines) + "\n"), null).Id;
        }
    }
}
