namespace Alert.Benchmark;

/// <summary>
/// The ids a file has shown so far, per language, to find duplicates: runs of consecutive ids as ranges (16 bytes a
/// range, so a file numbered 0..N costs one), ids out of order in a set. A hash set of every (id, language) held about
/// 40 bytes a row, 19 MB at 450k rows, on every pass over a large file.
/// </summary>
internal sealed class SeenIds
{
    private readonly Dictionary<string, Ids> _byLanguage = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds a row's id in <paramref name="lang"/>: its <paramref name="textId"/> when the file gives a string, else
    /// <paramref name="id"/>; false when it was seen before. A string that writes an integer ("5") is that integer,
    /// as the id is written back the same either way.
    /// </summary>
    public bool Add(string? textId, long id, string lang)
    {
        if (!_byLanguage.TryGetValue(lang, out var ids))
            _byLanguage[lang] = ids = new Ids();
        if (textId is null)
            return ids.Add(id);
        if (long.TryParse(textId, System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number.ToString(System.Globalization.CultureInfo.InvariantCulture) == textId)
            return ids.Add(number);
        return ids.AddText(textId);
    }

    /// <summary>Adds an integer <paramref name="id"/> in <paramref name="lang"/>; false when it was seen
    /// before.</summary>
    public bool Add(long id, string lang) => Add(null, id, lang);

    /// <summary>One language's ids: ascending ranges while the ids ascend, a set for the others.</summary>
    private sealed class Ids
    {
        private readonly List<(long First, long Last)> _ranges = [];
        private HashSet<long>? _others;
        private HashSet<string>? _texts;

        public bool AddText(string id) => (_texts ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);

        public bool Add(long id)
        {
            if (Contains(id))
                return false;
            var count = _ranges.Count;
            if (count > 0 && id == _ranges[count - 1].Last + 1)
                _ranges[count - 1] = (_ranges[count - 1].First, id);
            else if (count == 0 || id > _ranges[count - 1].Last)
                _ranges.Add((id, id));
            else
                (_others ??= []).Add(id);
            return true;
        }

        private bool Contains(long id)
        {
            if (_others?.Contains(id) == true)
                return true;
            // The last range holds the largest id: the ranges are sorted and disjoint.
            int low = 0, high = _ranges.Count - 1;
            while (low <= high)
            {
                var mid = (low + high) >>> 1;
                var (first, last) = _ranges[mid];
                if (id < first)
                    high = mid - 1;
                else if (id > last)
                    low = mid + 1;
                else
                    return true;
            }
            return false;
        }
    }
}
