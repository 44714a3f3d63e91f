using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alert.View;

/// <summary>The view's pages and assets.</summary>
internal static class ViewRoutes
{
    private const string HtmlType = "text/html; charset=utf-8";

    public static void Map(WebApplication app, ViewCatalog catalog)
    {
        MapPage(app, "/", async (_, ct) => await OverviewPage.RenderAsync(catalog, ct).ConfigureAwait(false));
        app.MapGet("/table", () => Results.Content(TablePage.Render(catalog), HtmlType));
        app.MapGet("/report", () => Results.Content(ReportPage.Render(catalog), HtmlType));
        MapPage(app, "/results", (request, ct) => ResultsPage.RenderAsync(catalog, request, ct));
        MapPage(app, "/prompt", (request, ct) => PromptPage.RenderAsync(catalog, request, ct));
        MapPage(app, "/disagreements", (request, ct) => DisagreementsPage.RenderAsync(catalog, request, ct));
        MapPage(app, "/attacks", (request, ct) => AttacksPage.RenderAsync(catalog, request, ct));
        MapPage(app, "/label", (request, ct) => LabelPage.RenderAsync(catalog, request, ct));
        app.MapPost("/api/labels", (HttpRequest request, CancellationToken ct) =>
            LabelApi.LabelAsync(catalog, request, ct));
        app.MapPost("/api/labels/undo", (HttpRequest request, CancellationToken ct) =>
            LabelApi.UndoAsync(catalog, request, ct));
        app.MapGet("/assets/{name}", (string name) => Asset(name));
    }

    private static void MapPage(WebApplication app, string path,
        Func<HttpRequest, CancellationToken, Task<string?>> render) =>
        app.MapGet(path, async (HttpContext context) =>
            await render(context.Request, context.RequestAborted).ConfigureAwait(false) is { } html
                ? Results.Content(html, HtmlType)
                : Results.Content(Html.Page("Not found", "", "<p>Nothing here: the run or prompt does not exist.</p>"),
                    HtmlType, statusCode: StatusCodes.Status404NotFound));

    /// <summary>An embedded asset (view.css, view.js); anything else is not found.</summary>
    private static IResult Asset(string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : typeof(ViewRoutes).Assembly.GetManifestResourceStream("view/" + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }
}
