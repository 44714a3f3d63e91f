using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Alert.Caching;

/// <summary>
/// The content-addressed answer cache shared by all runs on a machine (<c>responses.db</c> in the user
/// cache directory, or <c>--cache DIR</c>): SQLite in WAL mode, so several processes (shards) can share
/// it. Keys are hashes of target identity, messages and output-affecting options; the owner (a target
/// or judge spec, never a secret) is kept for statistics and for clearing one model's entries.
/// </summary>
public sealed class ResponseCache : IDisposable
{
    /// <summary>The cache's file name in its directory.</summary>
    public const string FileName = "responses.db";
    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();
    private long _hits;
    private long _misses;

    private ResponseCache(SqliteConnection db, string path)
    {
        _db = db;
        Path = path;
    }

    /// <summary>The cache's SQLite file.</summary>
    public string Path { get; }
    /// <summary>Lookups answered from the cache since it was opened.</summary>
    public long Hits => Interlocked.Read(ref _hits);
    /// <summary>Lookups the cache could not answer since it was opened.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>The default cache directory: <c>ALERT_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/alert</c> or
    /// <c>~/.cache/alert</c>.</summary>
    public static string DefaultDirectory => Alert.Common.UserCache.Directory;

    /// <summary>Opens (or creates) the cache in <paramref name="directory"/>.</summary>
    public static ResponseCache Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false
        }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            PRAGMA busy_timeout=10000;
            CREATE TABLE IF NOT EXISTS answers(
                key TEXT PRIMARY KEY, owner TEXT NOT NULL, answer TEXT NOT NULL, created_at TEXT NOT NULL);
            """;
        cmd.ExecuteNonQuery();
        return new ResponseCache(db, path);
    }

    /// <summary>The stored answer for a request key, or null.</summary>
    public CachedAnswer? Get(string key)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT answer FROM answers WHERE key = $k";
            cmd.Parameters.AddWithValue("$k", key);
            if (cmd.ExecuteScalar() is not string json)
            {
                _misses++;
                return null;
            }
            _hits++;
            return JsonSerializer.Deserialize<CachedAnswer>(json);
        }
    }

    /// <summary>Stores an answer under a request key, recording which run owns it.</summary>
    public void Put(string key, string owner, CachedAnswer answer, DateTimeOffset now)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "INSERT OR REPLACE INTO answers(key, owner, answer, created_at) VALUES ($k, $o, $a, $t)";
            cmd.Parameters.AddWithValue("$k", key);
            cmd.Parameters.AddWithValue("$o", owner);
            cmd.Parameters.AddWithValue("$a", JsonSerializer.Serialize(answer));
            cmd.Parameters.AddWithValue("$t", now.ToString("O", CultureInfo.InvariantCulture));
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Entries, size and owners of the cache.</summary>
    public CacheStats Stats()
    {
        lock (_lock)
        {
            var byOwner = new List<(string, long)>();
            long entries = 0;
            using (var cmd = _db.CreateCommand())
            {
                cmd.CommandText = "SELECT owner, count(*) FROM answers GROUP BY owner ORDER BY owner";
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    byOwner.Add((reader.GetString(0), reader.GetInt64(1)));
                    entries += reader.GetInt64(1);
                }
            }
            var bytes = new[] { Path, Path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);
            return new CacheStats(Path, entries, bytes, byOwner);
        }
    }

    /// <summary>Removes every entry, or those of one owner; returns how many went.</summary>
    public long Clear(string? owner = null)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = owner is null ? "DELETE FROM answers" : "DELETE FROM answers WHERE owner = $o";
            if (owner is not null)
                cmd.Parameters.AddWithValue("$o", owner);
            var removed = cmd.ExecuteNonQuery();
            using var vacuum = _db.CreateCommand();
            vacuum.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;";
            vacuum.ExecuteNonQuery();
            return removed;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();
}
