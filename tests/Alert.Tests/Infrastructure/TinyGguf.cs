using System.Text;

namespace Alert.Tests.Infrastructure;

/// <summary>
/// Writes a tiny Llama-architecture GGUF model with random weights (one layer, 32-wide, a byte-level SentencePiece
/// vocabulary, a Llama-2 chat template): enough for llama.cpp to load it and generate, so code that runs GGUF
/// models is tested on a real file without downloading one. What it generates is noise.
/// </summary>
internal static class TinyGguf
{
    private const int Embedding = 32;
    private const int FeedForward = 64;
    private const int Heads = 4;

    public static string Write(string path, int seed = 1)
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<int> { 2, 3, 3 };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(6);
        }
        foreach (var word in new[] { "\u2581safe", "\u2581unsafe", "safe", "unsafe", "\u2581", "VERDICT", ":", "\n",
            "O1", "S1" })
        {
            tokens.Add(word);
            types.Add(1);
        }
        var vocab = tokens.Count;
        var random = new Random(seed);
        var tensors = new List<(string Name, long[] Dims)>
        {
            ("token_embd.weight", [Embedding, vocab]),
            ("output_norm.weight", [Embedding]),
            ("output.weight", [Embedding, vocab]),
            ("blk.0.attn_norm.weight", [Embedding]),
            ("blk.0.attn_q.weight", [Embedding, Embedding]),
            ("blk.0.attn_k.weight", [Embedding, Embedding]),
            ("blk.0.attn_v.weight", [Embedding, Embedding]),
            ("blk.0.attn_output.weight", [Embedding, Embedding]),
            ("blk.0.ffn_norm.weight", [Embedding]),
            ("blk.0.ffn_gate.weight", [Embedding, FeedForward]),
            ("blk.0.ffn_up.weight", [Embedding, FeedForward]),
            ("blk.0.ffn_down.weight", [FeedForward, Embedding]),
        };
        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        var metadata = new List<Action>
        {
            () => String("general.architecture", "llama"),
            () => String("general.name", "alert-tiny-test"),
            () => UInt32("llama.context_length", 512),
            () => UInt32("llama.embedding_length", Embedding),
            () => UInt32("llama.block_count", 1),
            () => UInt32("llama.feed_forward_length", FeedForward),
            () => UInt32("llama.attention.head_count", Heads),
            () => UInt32("llama.attention.head_count_kv", Heads),
            () => UInt32("llama.rope.dimension_count", Embedding / Heads),
            () => Float32("llama.attention.layer_norm_rms_epsilon", 1e-5f),
            () => String("tokenizer.ggml.model", "llama"),
            () => Array("tokenizer.ggml.tokens", 8, tokens.Count, i => GgufString(tokens[i])),
            () => Array("tokenizer.ggml.scores", 6, tokens.Count, i => w.Write(-(float)i)),
            () => Array("tokenizer.ggml.token_type", 5, tokens.Count, i => w.Write(types[i])),
            () => UInt32("tokenizer.ggml.bos_token_id", 1),
            () => UInt32("tokenizer.ggml.eos_token_id", 2),
            () => UInt32("tokenizer.ggml.unknown_token_id", 0),
            () => String("tokenizer.chat_template",
                "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}{{ '[INST] ' + " +
                    "message['content'] + ' [/INST]' }}{% else %}{{ message['content'] + eos_token }}{% endif %}{% " +
                    "endfor %}"),
        };
        w.Write((ulong)metadata.Count);
        foreach (var entry in metadata)
            entry();
        ulong offset = 0;
        foreach (var (name, dims) in tensors)
        {
            GgufString(name);
            w.Write((uint)dims.Length);
            foreach (var d in dims)
                w.Write((ulong)d);
            w.Write(0u); // F32
            w.Write(offset);
            offset += Align((ulong)(4 * dims.Aggregate(1L, (a, b) => a * b)));
        }
        Pad();
        foreach (var (name, dims) in tensors)
        {
            var count = dims.Aggregate(1L, (a, b) => a * b);
            var norm = name.EndsWith("norm.weight", StringComparison.Ordinal);
            for (var i = 0; i < count; i++)
                w.Write(norm ? 1f : (float)(random.NextDouble() - 0.5) * 0.5f);
            Pad();
        }
        return path;

        void GgufString(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            w.Write((ulong)bytes.Length);
            w.Write(bytes);
        }
        void Key(string key, uint type)
        {
            GgufString(key);
            w.Write(type);
        }
        void String(string key, string value)
        {
            Key(key, 8);
            GgufString(value);
        }
        void UInt32(string key, uint value)
        {
            Key(key, 4);
            w.Write(value);
        }
        void Float32(string key, float value)
        {
            Key(key, 6);
            w.Write(value);
        }
        void Array(string key, uint itemType, int count, Action<int> item)
        {
            Key(key, 9);
            w.Write(itemType);
            w.Write((ulong)count);
            for (var i = 0; i < count; i++)
                item(i);
        }
        void Pad()
        {
            while (stream.Position % 32 != 0)
                w.Write((byte)0);
        }
    }

    private static ulong Align(ulong n) => (n + 31) / 32 * 32;
}
