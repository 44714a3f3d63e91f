namespace Alert.Judges.Embedded;

public sealed partial class JudgeFeatures
{
    /// <summary>
    /// Every chunk the judge reads of a response: what it adds to the request (<see cref="RequestEcho.Residue"/>) in
    /// <see cref="ChunkWords"/>-word chunks; one "(empty)" chunk when it adds nothing.
    /// </summary>
    public static List<string> ResponseChunks(string prompt, string response) =>
        AllChunks(RequestEcho.Residue(prompt, response));

    /// <summary>The response in chunks of <see cref="ChunkWords"/> words: the first three and the last one.</summary>
    public static List<string> Chunks(string response) => Select(AllChunks(response), MaxChunks);

    /// <summary>Every <see cref="ChunkWords"/>-word chunk of the response, in order; one "(empty)" chunk for an empty
    /// one.</summary>
    public static List<string> AllChunks(string response)
    {
        var words = response.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var chunks = new List<string>();
        for (var i = 0; i < words.Length; i += ChunkWords)
            chunks.Add(string.Join(' ', words.Skip(i).Take(ChunkWords)));
        return chunks.Count == 0 ? ["(empty)"] : chunks;
    }

    /// <summary>At most <paramref name="max"/> chunks: the first <paramref name="max"/> - 1 and the last (so 1: the
    /// last alone).</summary>
    public static List<T> Select<T>(IReadOnlyList<T> chunks, int max) =>
        chunks.Count <= max ? [.. chunks] : [.. chunks.Take(max - 1), chunks[^1]];
}
