namespace Alert.Attacks;

/// <summary>Helpers for recasting a request the way ALERT_Adv does.</summary>
internal static class RequestText
{
    private static readonly HashSet<string> Imperatives = new(StringComparer.OrdinalIgnoreCase)
    {
        "write", "give", "tell", "make", "help", "explain", "describe", "list", "create", "find", "show", "teach",
        "send", "dig", "come", "rate", "generate", "compose", "convince", "walk", "please", "draft", "design",
    };

    /// <summary>
    /// The request as a clause after "tell me": imperatives are kept as they are; otherwise the first
    /// word is lower-cased, "tell me" put before it and a final "?" dropped.
    /// </summary>
    public static string AsTellMeClause(string request)
    {
        var text = request.Trim();
        var first = text.Split(' ', 2)[0].TrimEnd(',', '.', '!', '?');
        if (Imperatives.Contains(first))
            return LowerFirst(text);
        return "tell me " + LowerFirst(text.TrimEnd('?', ' '));
    }

    public static string LowerFirst(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) && !(s[0] == 'I' && (s[1] == ' ' || s[1] == '\''))
            ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
