using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alert.View;

/// <summary>
/// <c>alert view</c>'s web application: Kestrel serving pages over stored runs, every request gated by a random
/// token (<see cref="AccessGuard"/>), bound to the loopback address unless told otherwise.
/// </summary>
public sealed class ViewServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly ViewCatalog _catalog;

    private ViewServer(WebApplication app, ViewCatalog catalog, Uri address, string token)
    {
        _app = app;
        _catalog = catalog;
        Address = address;
        Token = token;
        RunCount = catalog.Runs.Count;
    }

    /// <summary>Where the server listens (without the token).</summary>
    public Uri Address { get; }

    /// <summary>The access token every request must carry.</summary>
    public string Token { get; }

    /// <summary>The address to open: <see cref="Address"/> with the token.</summary>
    public Uri Url => new(Address, "/?token=" + Token);

    /// <summary>How many runs it serves.</summary>
    public int RunCount { get; }

    /// <summary>Reads the runs (building their search indexes when needed) and starts listening.</summary>
    public static async Task<ViewServer> StartAsync(ViewOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Runs.Count == 0)
            throw new AlertException("no run directories given");
        var catalog = await ViewCatalog.LoadAsync(options.Runs, options.LabelsFile, options.IndexDirectory,
            options.Time, cancellationToken).ConfigureAwait(false);
        var token = options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            if (options.Host == "localhost")
                k.ListenLocalhost(options.Port);
            else if (IPAddress.TryParse(options.Host, out var ip))
                k.Listen(ip, options.Port);
            else
                throw new AlertException($"--host: '{options.Host}' is not an IP address or localhost");
        });
        var app = builder.Build();
        var guard = new AccessGuard(token, options.IsExposed);
        app.Use(async (context, next) =>
        {
            SecurityHeaders(context.Response);
            if (await guard.AdmitAsync(context).ConfigureAwait(false))
                await next(context).ConfigureAwait(false);
        });
        ViewRoutes.Map(app, catalog);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            await catalog.DisposeAsync().ConfigureAwait(false);
            throw new AlertException($"cannot listen on {options.Host}:{options.Port} ({e.Message})", e);
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        var port = new Uri(bound).Port;
        var host = options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host;
        return new ViewServer(app, catalog, new Uri($"http://{host}:{port}/"), token);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled (Ctrl+C), then stops.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        await _catalog.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// No script but the view's own file, no framing, no referrer (the token stays out of other sites' logs), no
    /// caching of pages that hold model output.
    /// </summary>
    private static void SecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
