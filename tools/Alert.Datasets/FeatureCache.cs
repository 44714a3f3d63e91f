using Alert.Judges.Embedded;

namespace Alert.Datasets;

/// <summary>Caches feature vectors of the development pairs on disk, keyed by feature set and data.</summary>
public static class FeatureCache
{
    public static float[][] Load(IReadOnlyList<DevPair> rows, EmbeddedJudgeTrainer trainer)
    {
        var encoder = trainer.Features.ResponseEncoder;
        if (encoder.StartsWith("data/", StringComparison.Ordinal))
        {
            using var file = ModelFiles.Open(encoder["data/".Length..]);
            encoder += Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(file));
        }
        var key = Alert.Common.Sha256.Hex(EmbeddedJudgeModel.FeatureSet + "\n" + encoder + "\n"
            + ModelFiles.ReadText(PromptGuard.DefaultPath) + "\n"
            + string.Join("\n", rows.Select(r => r.Pair.Prompt + "\u0001" + r.Pair.Response)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"alert-judge-features-{key}.bin");
        if (File.Exists(path))
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            var n = reader.ReadInt32();
            var d = reader.ReadInt32();
            var cached = new float[n][];
            for (var i = 0; i < n; i++)
            {
                cached[i] = new float[d];
                for (var j = 0; j < d; j++)
                    cached[i][j] = reader.ReadSingle();
            }
            return cached;
        }
        var x = trainer.Featurize(rows.Select(r => r.Pair).ToList());
        using (var writer = new BinaryWriter(File.Create(path)))
        {
            writer.Write(x.Length);
            writer.Write(x[0].Length);
            foreach (var v in x)
            {
                foreach (var f in v)
                    writer.Write(f);
            }
        }
        return x;
    }
}
