using System.Security.Cryptography;

namespace Portal.Sandbox;

/// <summary>
/// Mollie's Idempotency-Key rules as the sandbox keeps them: per API key, for an hour. The same request again gets
/// the first answer; another request under the key is refused; a request still running blocks its twin.
/// </summary>
public sealed class SandboxIdempotency(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string RequestHash, Func<string, object>? Answer, DateTimeOffset At)> _keys = [];

    public enum KeyCheck { New, Replay, Mismatch, InFlight }

    /// <summary>
    /// Claims an idempotency key for one request (method, path and body), or says why it must not run again. On a
    /// replay the earlier answer is given back, drawn from the resource as it is now, as Mollie does.
    /// </summary>
    public (KeyCheck Check, Func<string, object>? Answer) ClaimKey(string scopedKey, string method, string path, string body)
    {
        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(method + " " + path + "\n" + body)));
        lock (_gate)
        {
            if (_keys.TryGetValue(scopedKey, out var earlier) && clock.GetUtcNow() - earlier.At < TimeSpan.FromHours(1))
            {
                if (earlier.RequestHash != hash) return (KeyCheck.Mismatch, null);
                return earlier.Answer is null ? (KeyCheck.InFlight, null) : (KeyCheck.Replay, earlier.Answer);
            }
            _keys[scopedKey] = (hash, null, clock.GetUtcNow());
            return (KeyCheck.New, null);
        }
    }

    public void ReleaseKey(string scopedKey)
    {
        lock (_gate) _keys.Remove(scopedKey);
    }

    /// <summary>Remembers the answer to a claimed key, so a retry of the same request gets it again.</summary>
    public void CompleteKey(string? scopedKey, Func<string, object> answer)
    {
        if (scopedKey is null) return;
        lock (_gate)
            if (_keys.TryGetValue(scopedKey, out var claim)) _keys[scopedKey] = (claim.RequestHash, answer, claim.At);
    }

    public void Reset()
    {
        lock (_gate) _keys.Clear();
    }
}
