using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alert.Tests.Infrastructure;

/// <summary>A request either server saw.</summary>
public sealed record HubRequest(string Host, string Method, string Path, string? Authorization, string? Range);

/// <summary>
/// The Hugging Face Hub's API as huggingface_hub uses it, on loopback (Kestrel): the revision API, /resolve/ with
/// ETags, 302 redirects of large files to a file host on another port, Range requests, gating (401/403) and 404s
/// with the Hub's X-Error-Code. Every request is recorded; downloads can be cut halfway.
/// </summary>
public sealed class LoopbackHubServer : IAsyncDisposable
{
    public const string Token = "hf_test_token_do_not_log";

    /// <summary>A valid token of an account that has not accepted any gated dataset's conditions.</summary>
    public const string OtherAccountToken = "hf_test_other_account_do_not_log";
    private readonly WebApplication _hub;
    private readonly WebApplication _files;
    private int _cuts;

    public LoopbackHubServer(params HubRepoFixture[] repos)
    {
        foreach (var repo in repos)
            Repos[repo.Repo] = repo;
        (_files, FileHost) = Start(app =>
        {
            app.Use(Record("files"));
            app.MapGet("/blobs/{sha}", (Delegate)ServeBlobAsync);
        });
        (_hub, Endpoint) = Start(app =>
        {
            app.Use(Record("hub"));
            app.MapGet("/api/datasets/{owner}/{name}/revision/{**revision}", (Delegate)Revision);
            app.MapMethods(
                "/datasets/{owner}/{name}/resolve/{commit}/{**path}", ["GET", "HEAD"], (Delegate)ResolveAsync);
        });
    }

    public string Endpoint { get; }

    public string FileHost { get; }

    public ConcurrentDictionary<string, HubRepoFixture> Repos { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<HubRequest> Requests { get; } = new();

    /// <summary>How many of the next downloads send half their bytes and drop the connection.</summary>
    public int CutNextDownloads
    {
        get => Volatile.Read(ref _cuts);
        set => Volatile.Write(ref _cuts, value);
    }

    private static (WebApplication App, string Url) Start(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        app.StartAsync().GetAwaiter().GetResult();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var address = addresses.Addresses.First();
        return (app, address.TrimEnd('/'));
    }

    private Func<HttpContext, RequestDelegate, Task> Record(string host) => (context, next) =>
    {
        var headers = context.Request.Headers;
        Requests.Enqueue(new HubRequest(host, context.Request.Method, context.Request.Path.Value ?? "",
            headers.Authorization.Count > 0 ? headers.Authorization.ToString() : null,
            headers.Range.Count > 0 ? headers.Range.ToString() : null));
        return next(context);
    };

    private IResult? Deny(HttpContext context, HubRepoFixture repo)
    {
        if (!repo.Gated)
            return null;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization == "Bearer " + Token)
            return null;
        // As the Hub answers: no token or an invalid one is 401, a valid token of an account without access 403.
        context.Response.Headers["X-Error-Code"] = "GatedRepo";
        return Results.Text("Access to this dataset is restricted.",
            statusCode: authorization == "Bearer " + OtherAccountToken ? 403 : 401);
    }

    private static IResult NotFound(HttpContext context, string code)
    {
        context.Response.Headers["X-Error-Code"] = code;
        return Results.Text(code, statusCode: 404);
    }

    private IResult Revision(HttpContext context, string owner, string name, string revision)
    {
        if (!Repos.TryGetValue($"{owner}/{name}", out var repo))
            return NotFound(context, "RepoNotFound");
        if (Deny(context, repo) is { } denied)
            return denied;
        if (repo.CommitOf(Uri.UnescapeDataString(revision)) is not { } commit)
            return NotFound(context, "RevisionNotFound");
        // The dataset card (README.md) is listed, and served, when the fixture has one, as on the Hub.
        var siblings = new JsonArray(new JsonObject { ["rfilename"] = ".gitattributes" });
        foreach (var path in repo.Files.Keys.Order(StringComparer.Ordinal))
            siblings.Add(new JsonObject { ["rfilename"] = path });
        var info = new JsonObject
        {
            ["id"] = repo.Repo,
            ["sha"] = commit,
            ["private"] = false,
            ["siblings"] = siblings,
        };
        return Results.Text(info.ToJsonString(), "application/json");
    }

    private async Task ResolveAsync(HttpContext context, string owner, string name, string commit, string path)
    {
        IResult? result = null;
        if (!Repos.TryGetValue($"{owner}/{name}", out var repo))
            result = NotFound(context, "RepoNotFound");
        else if (Deny(context, repo) is { } denied)
            result = denied;
        else if (repo.CommitOf(commit) is null)
            result = NotFound(context, "RevisionNotFound");
        else if (!repo.Files.TryGetValue(path, out var content))
            result = NotFound(context, "EntryNotFound");
        else
        {
            context.Response.Headers["X-Repo-Commit"] = repo.CommitOf(commit);
            if (repo.Large.Contains(path))
            {
                var sha = HubRepoFixture.Sha256(content);
                context.Response.Headers["X-Linked-Etag"] = $"\"{sha}\"";
                context.Response.Headers["X-Linked-Size"] =
                    content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers.ETag = $"\"{HubRepoFixture.GitEtag(content)}\"";
                context.Response.Headers.Location = $"{FileHost}/blobs/{sha}";
                context.Response.StatusCode = 302;
                return;
            }
            context.Response.Headers.ETag = $"\"{HubRepoFixture.GitEtag(content)}\"";
            await ServeAsync(context, content);
            return;
        }
        await result.ExecuteAsync(context);
    }

    private async Task ServeBlobAsync(HttpContext context, string sha)
    {
        var content = Repos.Values.SelectMany(r => r.Files.Values).FirstOrDefault(c => HubRepoFixture.Sha256(c) == sha);
        if (content is null)
        {
            context.Response.StatusCode = 404;
            return;
        }
        await ServeAsync(context, content);
    }

    private async Task ServeAsync(HttpContext context, byte[] content)
    {
        long from = 0;
        var range = context.Request.Headers.Range.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            from = long.Parse(range[6..^1], System.Globalization.CultureInfo.InvariantCulture);
        if (from >= content.Length && from > 0)
        {
            context.Response.StatusCode = 416;
            return;
        }
        if (from > 0)
        {
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{content.Length - 1}/{content.Length}";
        }
        context.Response.ContentLength = content.Length - from;
        if (HttpMethods.IsHead(context.Request.Method))
            return;
        var body = content.AsMemory((int)from);
        if (HttpMethods.IsGet(context.Request.Method) && Interlocked.Decrement(ref _cuts) >= 0)
        {
            await context.Response.Body.WriteAsync(body[..(body.Length / 2)]);
            await context.Response.Body.FlushAsync();
            await Task.Delay(300); // the client reads what was sent before the connection drops
            context.Abort();
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method))
            Interlocked.Increment(ref _cuts); // back to zero: nothing was cut
        await context.Response.Body.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _hub, _files })
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
