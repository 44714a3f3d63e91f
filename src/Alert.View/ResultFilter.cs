using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Alert.View;

/// <summary>What the results page lists: each field narrows it; null or empty fields do not.</summary>
internal sealed record ResultFilter(string? Category, string? AttackType, string? Verdict, double? MinProbability,
    double? MaxProbability, string? Search)
{
    /// <summary>No filter: every result.</summary>
    public static readonly ResultFilter None = new(null, null, null, null, null, null);

    /// <summary>
    /// The filter a query string names (<c>category</c>, <c>attack</c>, <c>verdict</c>, <c>pmin</c>, <c>pmax</c>,
    /// <c>q</c>).
    /// </summary>
    public static ResultFilter From(IQueryCollection query) => new(
        Text(query, "category"), Text(query, "attack"), Text(query, "verdict"),
        Number(query, "pmin"), Number(query, "pmax"), Text(query, "q"));

    /// <summary>The query string that names this filter (for links that keep it).</summary>
    public string ToQuery() => string.Join('&', new (string Name, string? Value)[]
        {
            ("category", Category), ("attack", AttackType), ("verdict", Verdict),
            ("pmin", MinProbability?.ToString("0.###", CultureInfo.InvariantCulture)),
            ("pmax", MaxProbability?.ToString("0.###", CultureInfo.InvariantCulture)), ("q", Search),
        }.Where(p => !string.IsNullOrEmpty(p.Value))
        .Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var v) && v.ToString().Trim() is { Length: > 0 } s ? s : null;

    private static double? Number(IQueryCollection query, string name) =>
        Text(query, name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? Math.Clamp(d, 0, 1)
            : null;
}
