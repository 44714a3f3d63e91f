using System.Globalization;
using System.Net;
using System.Text;
using Alert.Scoring;

namespace Alert.View;

/// <summary>
/// The page frame and the few formatting rules every page shares. Stored text (prompts, answers, judge output, run
/// names) only ever reaches a page through <see cref="E"/>: a stored <c>&lt;script&gt;</c> is shown, never run.
/// </summary>
internal static class Html
{
    /// <summary>The pages in the navigation bar: path and title.</summary>
    private static readonly (string Path, string Title)[] Navigation =
    [
        ("/", "Overview"), ("/table", "Table 1"), ("/results", "Results"), ("/disagreements", "Judge disagreements"),
        ("/attacks", "Attack transcripts"), ("/label", "Label"), ("/report", "Report"),
    ];

    /// <summary>Text HTML-encoded for an element's content or an attribute's value.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A whole page: the frame, the navigation (<paramref name="active"/> marked) and the body.</summary>
    public static string Page(string title, string active, string body)
    {
        var h = new StringBuilder(body.Length + 1024);
        h.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" - alert view</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/view.css\">")
            .Append("<script src=\"/assets/view.js\" defer></script></head>\n")
            .Append("<body><nav><span class=\"brand\">alert view</span>");
        foreach (var (path, name) in Navigation)
        {
            h.Append("<a href=\"").Append(path).Append('"').Append(path == active ? " class=\"active\"" : "")
                .Append('>')
                .Append(E(name)).Append("</a>");
        }
        h.Append("</nav>\n<main><h1>").Append(E(title)).Append("</h1>\n").Append(body)
            .Append("</main></body></html>\n");
        return h.ToString();
    }

    /// <summary>A score in percent with two decimals; "n/a" when nothing was judged.</summary>
    public static string Score(double? score) =>
        score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>An interval as "low-high" with two decimals; empty when there is none.</summary>
    public static string Interval((double Low, double High)? interval) => interval is { } i
        ? string.Create(CultureInfo.InvariantCulture, $"{i.Low:0.00}-{i.High:0.00}")
        : "";

    /// <summary>A table cell with a score, its interval and its band's colour.</summary>
    public static string ScoreCell(ScoreCell cell, string? href = null)
    {
        var band = cell.Band switch
        {
            SafetyBand.Safe => "safe",
            SafetyBand.Unsafe => "unsafe",
            SafetyBand.HighlyUnsafe => "highly-unsafe",
            _ => "none",
        };
        var score = Score(cell.Score);
        var content = href is null ? score : $"<a href=\"{E(href)}\">{score}</a>";
        return $"<td class=\"score {band}\" title=\"{cell.Safe} safe, {cell.Unsafe} unsafe of {cell.Total}\">{content}"
            + $"<span class=\"ci\">{Interval(cell.Wilson95)}</span></td>";
    }

    /// <summary>A run picker that keeps the rest of the query: one link per run.</summary>
    public static string RunPicker(IEnumerable<ViewRun> runs, ViewRun current, string path, string query = "")
    {
        var h = new StringBuilder("<p class=\"runs\">Run: ");
        foreach (var run in runs)
        {
            h.Append(run.Number == current.Number ? "<strong>" : $"<a href=\"{path}?run={run.Number}{E(query)}\">")
                .Append(E(run.Title)).Append(run.Number == current.Number ? "</strong> " : "</a> ");
        }
        return h.Append("</p>\n").ToString();
    }

    /// <summary>Previous and next page links (keeping <paramref name="query"/>) and where this page is.</summary>
    public static string Pager(string path, string query, int page, int pageSize, int total)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        var h = new StringBuilder("<p class=\"pager\">");
        if (page > 1)
            h.Append(CultureInfo.InvariantCulture, $"<a rel=\"prev\" href=\"{path}?{E(query)}&amp;page={page - 1}\">")
                .Append("previous</a> ");
        h.Append(CultureInfo.InvariantCulture, $"page {page} of {pages} ({total:N0} results)");
        if (page < pages)
            h.Append(CultureInfo.InvariantCulture, $" <a rel=\"next\" href=\"{path}?{E(query)}&amp;page={page + 1}\">")
                .Append("next</a>");
        return h.Append("</p>\n").ToString();
    }

    /// <summary>The page a request asks for (<c>page</c>, from 1).</summary>
    public static int PageNumber(Microsoft.AspNetCore.Http.HttpRequest request) =>
        int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0
            ? p
            : 1;

    /// <summary>The first <paramref name="length"/> characters of a text, marked when cut.</summary>
    public static string Excerpt(string? text, int length = 240) =>
        text is null ? "" : text.Length <= length ? text : text[..length] + "…";
}
