using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Alert.Targets;

/// <summary>
/// The OpenAI-compatible Batch API: upload a JSONL of chat requests (<c>/files</c>, purpose <c>batch</c>),
/// create a batch (<c>/batches</c>), poll it, download its output file. Used by <c>alert run --batch</c>.
/// </summary>
public sealed class OpenAIBatchClient(HttpClient http, string baseUrl, string? apiKey) : IDisposable
{
    private readonly string _base = baseUrl.TrimEnd('/');
    private readonly string? _apiKey = Registered(apiKey);

    private static string? Registered(string? key)
    {
        Secrets.Register(key);
        return key;
    }

    /// <summary>Uploads a batch input file; returns its file id.</summary>
    public async Task<string> UploadAsync(string jsonl, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(jsonl));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(file, "file", "alert-batch.jsonl");
        var json = await SendAsync(HttpMethod.Post, "/files", form, cancellationToken).ConfigureAwait(false);
        return (string?)json["id"] ?? throw new AlertException("batch upload: the server's answer has no file id");
    }

    /// <summary>Starts a batch over an uploaded file.</summary>
    public async Task<BatchStatus> CreateAsync(string inputFileId, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["input_file_id"] = inputFileId,
            ["endpoint"] = "/v1/chat/completions",
            ["completion_window"] = "24h"
        };
        return Status(await SendAsync(HttpMethod.Post, "/batches",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken)
            .ConfigureAwait(false));
    }

    /// <summary>A batch's status.</summary>
    public async Task<BatchStatus> GetAsync(string batchId, CancellationToken cancellationToken = default) =>
        Status(await SendAsync(HttpMethod.Get, "/batches/" + Uri.EscapeDataString(batchId), null, cancellationToken)
            .ConfigureAwait(false));

    /// <summary>Downloads a file's content (a finished batch's output).</summary>
    public async Task<string> DownloadAsync(string fileId, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "/files/" + Uri.EscapeDataString(fileId) + "/content", null);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private static BatchStatus Status(JsonObject json) =>
        new((string?)json["id"] ?? throw new AlertException("batch: the server's answer has no batch id"),
            (string?)json["status"] ?? "unknown",
            (string?)json["output_file_id"], (string?)json["error_file_id"]);

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, HttpContent? content,
        CancellationToken cancellationToken)
    {
        using var request = Request(method, path, content);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)
            .ConfigureAwait(false)) as JsonObject
            ?? throw new AlertException($"batch: {path} answered something that is not a JSON object");
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, _base + path) { Content = content };
        if (!string.IsNullOrEmpty(_apiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var detail = Secrets.Redact(text[..Math.Min(300, text.Length)]);
        throw new AlertException($"batch API: {(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}
