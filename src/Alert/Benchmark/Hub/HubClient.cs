using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;

namespace Alert.Benchmark.Hub;

/// <summary>
/// The Hub's HTTP protocol as <c>huggingface_hub</c> speaks it: revision to commit resolution, file metadata and
/// resumable downloads from <c>/resolve/</c>, following redirects to a file host without forwarding the token there.
/// Transient failures (dropped connections, timeouts, 429, 5xx) are retried with backoff.
/// </summary>
internal sealed class HubClient : IDisposable
{
    private const int MaxRedirects = 10;
    private const int BufferSize = 81920;
    private readonly HttpClient _http;
    private readonly HubSettings _settings;
    private readonly Uri _endpoint;
    private readonly ResiliencePipeline _pipeline;
    private readonly HubErrors _errors;

    public HubClient(HubSettings settings)
    {
        _settings = settings;
        _endpoint = new Uri(settings.Endpoint.TrimEnd('/') + "/");
        _errors = new HubErrors(settings);
        // Redirects are followed here, not by the handler, so the token is only ever sent to the Hub itself.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("alert-dotnet");
        var builder = new ResiliencePipelineBuilder { TimeProvider = settings.Time };
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
                    && !args.Context.CancellationToken.IsCancellationRequested && IsTransient(e)),
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
            });
        }
        _pipeline = builder.Build();
    }

    /// <summary>The commit <paramref name="spec"/>'s revision points at, and the repository's files at it.</summary>
    public Task<HubRevision> ResolveAsync(HubDatasetSpec spec, CancellationToken cancellationToken) =>
        RunAsync(async token =>
        {
            var url = new Uri(_endpoint, $"api/datasets/{spec.Repo}/revision/{Uri.EscapeDataString(spec.Revision)}");
            using var timeout = WithTimeout(token);
            using var response = await SendAsync(HttpMethod.Get, url, 0, true, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw _errors.ForRevision(response, spec);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            return ParseRevision(body, url);
        }, cancellationToken);

    /// <summary>The ETag and size of one file at <paramref name="commit"/>, by HEAD.</summary>
    public Task<HubFileInfo?> HeadAsync(string repo, string commit, string path, CancellationToken cancellationToken) =>
        RunAsync(async token =>
        {
            var url = ResolveUrl(repo, commit, path);
            for (var hop = 0; ; hop++)
            {
                using var timeout = WithTimeout(token);
                using var response = await SendAsync(HttpMethod.Head, url, 0, false, timeout.Token)
                    .ConfigureAwait(false);
                var etag = Header(response, "X-Linked-Etag") ?? Header(response, "ETag");
                var size = long.TryParse(Header(response, "X-Linked-Size"), out var linked) ? linked
                    : response.Content.Headers.ContentLength;
                if (IsRedirect(response.StatusCode) && etag is null && response.Headers.Location is { } location
                    && hop < MaxRedirects)
                {
                    url = new Uri(url, location); // a renamed repository: follow to learn the ETag
                    continue;
                }
                if (!response.IsSuccessStatusCode && !IsRedirect(response.StatusCode))
                    throw _errors.ForFile(response, repo, commit, path);
                return etag is null ? null : new HubFileInfo(NormalizeEtag(etag), size);
            }
        }, cancellationToken);

    /// <summary>
    /// Downloads one file into <paramref name="partial"/>, resuming from the bytes already there (a Range request);
    /// a dropped connection is retried from where it stopped.
    /// </summary>
    public Task DownloadAsync(
        string repo, string commit, string path, string partial, CancellationToken cancellationToken) =>
        RunAsync<bool>(async token =>
        {
            var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
            using var timeout = WithTimeout(token);
            var url = ResolveUrl(repo, commit, path);
            using var response = await SendAsync(HttpMethod.Get, url, have, true, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
                return true; // everything is there already; the size and hash checks follow
            if (!response.IsSuccessStatusCode)
                throw _errors.ForFile(response, repo, commit, path);
            var resumed = response.StatusCode == HttpStatusCode.PartialContent;
            if (resumed && response.Content.Headers.ContentRange?.From != have)
            {
                File.Delete(partial);
                throw new HubTransientException($"{url} answered a range other than the one asked for");
            }
            var mode = resumed ? FileMode.Append : FileMode.Create;
            await using var output = new FileStream(partial, mode, FileAccess.Write);
            await using var input = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await input.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                timeout.CancelAfter(_settings.RequestTimeout); // the timeout is for silence, not for the whole file
            }
            return true;
        }, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                try
                {
                    return await action(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    throw new TimeoutException($"no answer from {_endpoint.Authority} in "
                        + $"{_settings.RequestTimeout.TotalSeconds:0} s");
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
        {
            throw new AlertException($"cannot reach the Hugging Face Hub at {_settings.Endpoint}: {e.Message} "
                + "(a dataset already in the cache loads with HF_HUB_OFFLINE=1; HF_ENDPOINT names a mirror)", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, Uri url, long from, bool follow, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, url);
            if (_settings.Token is { } token && IsHub(url))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (from > 0)
                request.Headers.Range = new RangeHeaderValue(from, null);
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            if ((int)response.StatusCode is 429 or >= 500)
            {
                response.Dispose();
                throw new HubTransientException(
                    $"{url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}");
            }
            if (!follow || !IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
                return response;
            response.Dispose();
            if (hop >= MaxRedirects)
                throw new AlertException($"{url.GetLeftPart(UriPartial.Path)}: more than {MaxRedirects} redirects");
            url = new Uri(url, location);
        }
    }

    private CancellationTokenSource WithTimeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(_settings.RequestTimeout);
        return source;
    }

    private Uri ResolveUrl(string repo, string commit, string path) =>
        new(_endpoint,
            $"datasets/{repo}/resolve/{commit}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}");

    // The token belongs to the Hub (or the mirror named by HF_ENDPOINT); a file host on any other origin never sees it.
    private bool IsHub(Uri url) => Uri.Compare(url, _endpoint, UriComponents.SchemeAndServer,
        UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static bool IsTransient(Exception e) =>
        e is HubTransientException or HttpRequestException or IOException or TimeoutException;

    private static bool IsRedirect(HttpStatusCode code) => (int)code is 301 or 302 or 303 or 307 or 308;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : response.Content.Headers.TryGetValues(name, out var content) ? content.FirstOrDefault() : null;

    private static string NormalizeEtag(string etag) =>
        (etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag).Trim('"');

    private static HubRevision ParseRevision(string body, Uri url)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject info && info["sha"] is JsonValue sha
                && sha.TryGetValue<string>(out var commit) && HubDatasetSpec.IsCommit(commit))
            {
                var files = (info["siblings"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(s => (string?)s["rfilename"]).OfType<string>().ToList();
                return new HubRevision(commit, files);
            }
        }
        catch (JsonException)
        {
            // reported below
        }
        throw new AlertException($"{url.GetLeftPart(UriPartial.Path)}: not a revision answer (expected JSON with "
            + "'sha' and 'siblings'); is HF_ENDPOINT a Hugging Face Hub?");
    }
}
