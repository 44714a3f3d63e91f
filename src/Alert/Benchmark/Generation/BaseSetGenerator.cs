using System.Globalization;
using System.Text;
using Alert.Common;
using Alert.Taxonomy;

namespace Alert.Benchmark.Generation;

/// <summary>
/// Generates the base (plain) benchmark from versioned data files: shared request frames
/// (<c>data/benchmark/frames.txt</c>), one lexicon per micro category
/// (<c>data/benchmark/categories/LABEL.txt</c>), target sizes (<c>category-sizes.txt</c>) and hand-written
/// seed prompts (<c>builtin-mini.jsonl</c>). Deterministic for a seed; no two prompts are the same
/// after lower-casing and removing punctuation.
/// </summary>
public sealed class BaseSetGenerator
{
    /// <summary>The generator's version, part of every built benchmark's identity.</summary>
    public const string Version = "base-7";
    /// <summary>The instruction frames the base prompts are built from.</summary>
    public const string FramesPath = "benchmark/frames.txt";
    /// <summary>Prompts per category (the paper's sizes).</summary>
    public const string SizesPath = "benchmark/category-sizes.txt";
    /// <summary>Hand-written seed prompts, one or more per category.</summary>
    public const string SeedPromptsPath = "benchmark/builtin-mini.jsonl";

    private readonly AlertTaxonomy _taxonomy;
    private Dictionary<string, List<string>>? _seedPrompts;

    /// <summary>A generator over the shipped templates for <paramref name="taxonomy"/> (the ALERT taxonomy by
    /// default).</summary>
    public BaseSetGenerator(AlertTaxonomy? taxonomy = null)
    {
        _taxonomy = taxonomy ?? AlertTaxonomy.Default;
        Frames = TemplateLexicon.Parse("data/" + FramesPath, DataFiles.ReadText(FramesPath));
        Lexicons = _taxonomy.Categories.ToDictionary(
            c => c.Label,
            c => TemplateLexicon.Parse($"data/{CategoryPath(c.Label)}", DataFiles.ReadText(CategoryPath(c.Label)),
                Frames));
        Sizes = ReadSizes();
        var requests = HhRlhfCorpus.ReadRequests().Select(r => r.Text).ToList();
        Styler = new HumanStyler(HumanStyle.Learn(requests), new PhraseUse(requests));
    }

    /// <summary>Styles each template prompt like the shipped corpus's requests.</summary>
    public HumanStyler Styler { get; }

    /// <summary>The shared frames.</summary>
    public TemplateLexicon Frames { get; }
    /// <summary>Each category's template lexicon.</summary>
    public IReadOnlyDictionary<string, TemplateLexicon> Lexicons { get; }
    /// <summary>Prompts to generate per category.</summary>
    public IReadOnlyDictionary<string, int> Sizes { get; }

    /// <summary>The template file of a category.</summary>
    public static string CategoryPath(string label) => $"benchmark/categories/{label}.txt";

    /// <summary>The data files the generator reads, for the manifest.</summary>
    public IEnumerable<string> DataFilePaths =>
        new[] { FramesPath, SizesPath, SeedPromptsPath, HumanStyler.DataFile }
            .Concat(_taxonomy.Categories.Select(c => CategoryPath(c.Label)));

    /// <summary>Base prompts in taxonomy order, ids from 0.</summary>
    public IReadOnlyList<BenchmarkPrompt> Generate(long seed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<BenchmarkPrompt>(Sizes.Values.Sum());
        foreach (var category in _taxonomy.Categories)
        {
            foreach (var t in Generate(category.Label, Sizes[category.Label], seed, seen))
                result.Add(new BenchmarkPrompt(result.Count, category.Label, InstructionFrame.Wrap(t)));
        }
        return result;
    }

    /// <summary>
    /// <paramref name="count"/> prompts of one category (its seed prompts first), none whose
    /// <see cref="NearDuplicateKey"/> is in <paramref name="seen"/>, which gains theirs; shuffled.
    /// </summary>
    public IReadOnlyList<string> Generate(string category, int count, long seed, ISet<string> seen)
    {
        var lexicon = Lexicons[category];
        var random = SeededRandom.For(seed, "base/" + category);
        var texts = new List<string>(count);
        foreach (var s in SeedPrompts().GetValueOrDefault(category, []))
        {
            if (texts.Count < count && seen.Add(NearDuplicateKey(s)))
                texts.Add(s);
        }
        var sources = Sources(lexicon);
        var topicalLead = lexicon.OwnEntries("c_topic").Count == 0 ? 0 : MaxTopicalLead * Smallness(Sizes[category]);
        var gridChance = lexicon.OwnEntries("c_grid_ask").Count == 0 ? 0 : MaxGridRequest * Smallness(Sizes[category]);
        var attempts = 0;
        while (texts.Count < count)
        {
            if (++attempts > count * 200)
                throw new AlertException($"data/{CategoryPath(category)}: only {texts.Count} distinct prompts " +
                    $"after {attempts} draws, {count} needed; add templates or lexicon entries");
            // Uniqueness is decided on the composed request before styling, so no request appears
            // twice with only an opener or casing changed.
            var core = gridChance > 0 && random.Chance(gridChance)
                ? lexicon.Expand("{c_grid_ask}", random)
                : Compose(lexicon, random.Pick(sources), random);
            if (topicalLead > 0 && random.Chance(topicalLead))
                core = Squash(lexicon.Expand("{c_topic}.", random)) + " " + core;
            var coreKey = NearDuplicateKey(core);
            if (core.Length == 0 || seen.Contains(coreKey))
                continue;
            // ...and again after styling, which can say two requests the same way ("how do i" as "how can i").
            var styled = Style(core, lexicon, random);
            if (seen.Add(NearDuplicateKey(styled)))
            {
                seen.Add(coreKey);
                texts.Add(styled);
            }
        }
        random.Shuffle(texts);
        return texts;
    }

    /// <summary>Lower-cased words without punctuation: two prompts with the same key are near-duplicates.</summary>
    public static string NearDuplicateKey(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = true;
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
                space = false;
            }
            else if (char.IsWhiteSpace(ch) && !space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>The most a category's requests open with an extra topical sentence (the smallest category).</summary>
    public const double MaxTopicalLead = 0.6;

    /// <summary>The largest share of a category's requests asked over its items in ALERT's grid (the smallest
    /// category with items).</summary>
    public const double MaxGridRequest = 0.6;

    // A category with few rows gives naive Bayes few words to learn from, so a human request about it loses to the
    // large categories on the shared ask words. The smaller a category, the more of its requests open with one of
    // its people's-words topic clauses ([c_topic]) and, for substances and weapons, the more are asked plainly over
    // its items in ALERT's own buy/sell/make/use grid ([c_grid_ask]: "how can i buy ..."): none for the largest
    // category, the most for the smallest, on a log scale of the size.
    private double Smallness(int size)
    {
        var (largest, smallest) = (Sizes.Values.Max(), Sizes.Values.Min());
        return largest <= smallest || size >= largest ? 0
            : Math.Clamp(Math.Log((double)largest / size) / Math.Log((double)largest / smallest), 0, 1);
    }

    // Draws of a composed request per draw of a whole-sentence template or frame.
    private const int ComposedPerWholeTemplate = 1;

    // Where a prompt comes from: the category's own templates, shared frames filled with its lexicon, or a
    // request composed from small parts (frames.txt [compose], [compose_hate]) around its acts or groups.
    private static List<string> Sources(TemplateLexicon lexicon)
    {
        var sources = new List<string>();
        if (lexicon.OwnEntries("prompt").Count > 0)
            sources.AddRange(["prompt", "prompt", "prompt", "prompt"]);
        if (lexicon.OwnEntries("act").Count > 0)
            sources.AddRange(["action", "action"]);
        if (lexicon.OwnEntries("group").Count > 0)
            sources.AddRange(["hate", "hate"]);
        if (sources.Count == 0)
            throw new AlertException($"{lexicon.Name}: needs a [prompt], [act] or [group] section");
        // Requests composed from small independent parts vary most: they are most of every category.
        var composed = sources.Count * ComposedPerWholeTemplate;
        var (acts, groups) = (lexicon.OwnEntries("act").Count > 0, lexicon.OwnEntries("group").Count > 0);
        if (acts)
            sources.AddRange(Enumerable.Repeat("compose", groups ? composed / 2 : composed));
        if (groups)
            sources.AddRange(Enumerable.Repeat("compose_hate", acts ? composed / 2 : composed));
        return sources;
    }

    private static string Compose(TemplateLexicon lexicon, string source, SeededRandom random) => source switch
    {
        "prompt" => lexicon.Expand(random.Pick(lexicon.OwnEntries("prompt")), random),
        "action" => lexicon.Expand(random.Pick(lexicon.Entries("action")), random),
        "compose" or "compose_hate" => lexicon.Expand(random.Pick(lexicon.Entries(source)), random),
        _ => lexicon.Expand(random.Pick(lexicon.Entries("hate")), random),
    };

    // Real requests vary in register: openers, trailing asides, casing and punctuation.
    private string Style(string text, TemplateLexicon lexicon, SeededRandom random)
    {
        text = Squash(text);
        if (random.Chance(0.12))
            text = Squash(lexicon.Expand(random.Pick(lexicon.Entries("opener")), random)) + " " + LowerFirst(text);
        if (random.Chance(0.10))
        {
            var closer = Squash(lexicon.Expand(random.Pick(lexicon.Entries("closer")), random));
            text = text.TrimEnd('?', '.', '!') + (char.IsLetterOrDigit(closer[0]) ? " " : "") + closer;
        }
        return Styler.Apply(text, random);
    }

    private static string Squash(string s) =>
        string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Replace(" ,", ",", StringComparison.Ordinal).Replace(" ?", "?", StringComparison.Ordinal)
            .Replace(" .", ".", StringComparison.Ordinal).Replace(" !", "!", StringComparison.Ordinal).Trim();


    private static string LowerFirst(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) && !s.StartsWith("I ", StringComparison.Ordinal)
            && !s.StartsWith("I'", StringComparison.Ordinal)
            ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private Dictionary<string, int> ReadSizes()
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var raw in DataFiles.ReadText(SizesPath).Split('\n'))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !int.TryParse(
                parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                throw new AlertFormatException("data/" + SizesPath, n, null, "expected 'label count'");
            sizes[_taxonomy.Resolve(parts[0]).Label] = size;
        }
        var missing = _taxonomy.Categories.Select(c => c.Label).Where(l => !sizes.ContainsKey(l)).ToList();
        if (missing.Count > 0)
            throw new AlertException($"data/{SizesPath}: no size for {string.Join(", ", missing)}");
        return sizes;
    }

    private Dictionary<string, List<string>> SeedPrompts() => _seedPrompts ??= ReadSeedPrompts();

    private Dictionary<string, List<string>> ReadSeedPrompts()
    {
        var seeds = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using var reader = new StringReader(DataFiles.ReadText(SeedPromptsPath));
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
                continue;
            var row = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(text)!;
            var p = BenchmarkFile.Parse(row, "data/" + SeedPromptsPath, line, _taxonomy);
            if (!seeds.TryGetValue(p.Category, out var list))
                seeds[p.Category] = list = [];
            list.Add(p.Text);
        }
        return seeds;
    }
}
