using System.Text;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Storage;
using Alert.Targets;

namespace Alert.Running;

/// <summary>
/// Generates a run's missing responses through the provider's Batch API instead of one request per
/// prompt: prompts without a response go into batches (at most <see cref="MaxPerBatch"/> lines each),
/// each batch id is recorded in the run before it is polled, so a restarted run resumes polling
/// instead of submitting again; finished batches are written to the store like any other responses.
/// </summary>
public sealed class BatchGeneration(OpenAIBatchClient client, string model, TargetOptions options,
    TimeSpan pollInterval, TimeProvider? time = null)
{
    /// <summary>Most requests in one batch (the Batch API's limit).</summary>
    public const int MaxPerBatch = 50_000;
    private const string PendingKey = "batches_pending";
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Finishes pending batches, submits the missing prompts, polls and stores the answers.</summary>
    public async Task<BatchSummary> RunAsync(RunStore store, bool retryErrors, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var meta = await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        var pending = meta.TryGetValue(PendingKey, out var p) && p.Length > 0 ? p.Split(',').ToList() : [];
        int resumed = pending.Count, submitted = 0, answered = 0, errors = 0;

        // Finish what an earlier invocation submitted before deciding what is still missing.
        foreach (var id in pending.ToList())
            await FinishAsync(id).ConfigureAwait(false);

        var missing = new List<StoredResult>();
        await foreach (var r in store.ReadResultsAsync("", cancellationToken).ConfigureAwait(false))
        {
            if (r.Response is null || (retryErrors && r.Response.Error is not null))
                missing.Add(r);
        }
        foreach (var chunk in missing.Chunk(MaxPerBatch))
        {
            var jsonl = new StringBuilder();
            foreach (var r in chunk)
                jsonl.Append(RequestLine(r.Key, r.Prompt).ToJsonString()).Append('\n');
            var file = await client.UploadAsync(jsonl.ToString(), cancellationToken).ConfigureAwait(false);
            var batch = await client.CreateAsync(file, cancellationToken).ConfigureAwait(false);
            pending.Add(batch.Id);
            await store.SetMetaAsync(PendingKey, string.Join(",", pending), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            submitted += chunk.Length;
            progress?.Report($"submitted batch {batch.Id} with {chunk.Length} requests");
            await FinishAsync(batch.Id).ConfigureAwait(false);
        }
        return new BatchSummary(submitted, resumed, answered, errors);

        async Task FinishAsync(string id)
        {
            BatchStatus status;
            while (!(status = await client.GetAsync(id, cancellationToken).ConfigureAwait(false)).Finished)
            {
                progress?.Report($"batch {id}: {status.Status}");
                await Task.Delay(pollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            var responses = new List<StoredResponse>();
            foreach (var fileId in new[] { status.OutputFileId, status.ErrorFileId })
            {
                if (fileId is null)
                    continue;
                var content = await client.DownloadAsync(fileId, cancellationToken).ConfigureAwait(false);
                foreach (var line in content.Split(
                    '\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    responses.Add(ParseOutputLine(line, id));
            }
            answered += responses.Count(r => r.Error is null);
            errors += responses.Count(r => r.Error is not null);
            await store.WriteBatchAsync(responses, [], _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            pending.Remove(id);
            await store.SetMetaAsync(PendingKey, string.Join(",", pending), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            progress?.Report($"batch {id}: {status.Status}, {responses.Count} results stored");
        }
    }

    private JsonObject RequestLine(string key, BenchmarkPrompt prompt)
    {
        var messages = new JsonArray();
        foreach (var m in PromptRequest.Messages(prompt, options))
            messages.Add(new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text });
        return new JsonObject
        {
            ["custom_id"] = key,
            ["method"] = "POST",
            ["url"] = "/v1/chat/completions",
            ["body"] = new JsonObject
            {
                ["model"] = model,
                ["messages"] = messages,
                ["temperature"] = options.Temperature,
                ["max_tokens"] = options.MaxOutputTokens,
            },
        };
    }

    /// <summary>One line of a batch output or error file: the chat completion, or why it failed.</summary>
    private static StoredResponse ParseOutputLine(string line, string batchId)
    {
        var json = JsonNode.Parse(line) as JsonObject
            ?? throw new AlertException($"batch {batchId}: an output line is not a JSON object");
        var key = (string?)json["custom_id"] ?? throw new AlertException(
            $"batch {batchId}: an output line has no custom_id");
        var response = json["response"] as JsonObject;
        var body = response?["body"] as JsonObject;
        var statusCode = (int?)response?["status_code"] ?? 0;
        if (json["error"] is JsonObject || statusCode != 200 || body?["choices"]
            is not JsonArray { Count: > 0 } choices)
        {
            var reason = json["error"]?["message"]?.ToString() ?? body?["error"]?["message"]?.ToString()
                ?? $"status {statusCode}";
            return new StoredResponse(key, null, Secrets.Redact($"batch {batchId}: {reason}"), null, null, 0);
        }
        var usage = body["usage"];
        return new StoredResponse(key, choices[0]!["message"]?["content"]?.ToString() ?? "", null,
            (long?)usage?["prompt_tokens"], (long?)usage?["completion_tokens"], 0);
    }
}
