namespace Alert.Targets;

/// <summary>Checks a GGUF file before handing it to native code, so a bad path is a clean error.</summary>
public static class GgufFile
{
    /// <summary>Fails with a clear <see cref="AlertException"/> when <paramref name="path"/> is missing or is not a
    /// GGUF file.</summary>
    public static void Validate(string path)
    {
        if (!File.Exists(path))
            throw new AlertException($"{path}: GGUF model file not found");
        Span<byte> magic = stackalloc byte[4];
        using (var stream = File.OpenRead(path))
        {
            if (stream.Read(magic) < 4 || !magic.SequenceEqual("GGUF"u8))
                throw new AlertException(
                    $"{path}: not a GGUF model file (it does not start with the GGUF magic bytes)");
        }
    }
}
