using System.Buffers.Text;
using System.Security.Cryptography;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Web.Sandbox;

/// <summary>
/// The sandbox's memory: payments, Idempotency-Key records (kept an hour, as Mollie does) and injected faults.
/// One per process; the sandbox exists for development and tests only.
/// </summary>
public sealed class SandboxStore(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SandboxPayment> _payments = [];
    private readonly Dictionary<string, (string BodyHash, string? PaymentId, DateTimeOffset At)> _keys = [];
    private readonly Queue<int> _faults = new();

    public enum KeyCheck { New, Replay, Mismatch, InFlight }

    public SandboxPayment? Find(string id)
    {
        lock (_gate) return _payments.GetValueOrDefault(id);
    }

    public IReadOnlyList<SandboxPayment> All()
    {
        lock (_gate) return _payments.Values.ToList();
    }

    /// <summary>Claims an idempotency key for a body, or says why the request must not run again.</summary>
    public (KeyCheck Check, SandboxPayment? Earlier) ClaimKey(string scopedKey, string body)
    {
        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)));
        lock (_gate)
        {
            if (_keys.TryGetValue(scopedKey, out var earlier) && clock.GetUtcNow() - earlier.At < TimeSpan.FromHours(1))
            {
                if (earlier.BodyHash != hash) return (KeyCheck.Mismatch, null);
                return earlier.PaymentId is null ? (KeyCheck.InFlight, null) : (KeyCheck.Replay, _payments[earlier.PaymentId]);
            }
            _keys[scopedKey] = (hash, null, clock.GetUtcNow());
            return (KeyCheck.New, null);
        }
    }

    public void ReleaseKey(string scopedKey)
    {
        lock (_gate) _keys.Remove(scopedKey);
    }

    public SandboxPayment Add(CreateMolliePayment request, string? scopedKey)
    {
        var payment = new SandboxPayment
        {
            Id = "tr_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(8)).Replace("-", "x").Replace("_", "y"),
            Request = request,
            CreatedAt = clock.GetUtcNow(),
        };
        lock (_gate)
        {
            _payments[payment.Id] = payment;
            if (scopedKey is not null) _keys[scopedKey] = (_keys[scopedKey].BodyHash, payment.Id, _keys[scopedKey].At);
        }
        return payment;
    }

    /// <summary>Moves a payment to a new status; false when it is already final (Mollie's final states stay final).</summary>
    public bool SetStatus(string id, string status)
    {
        lock (_gate)
        {
            if (!_payments.TryGetValue(id, out var payment) || payment.IsFinal) return false;
            payment.Status = status;
            if (status == "paid") payment.PaidAt = clock.GetUtcNow();
            if (payment.IsFinal) payment.FinishedAt = clock.GetUtcNow();
            return true;
        }
    }

    /// <summary>The next <paramref name="count"/> API calls answer <paramref name="status"/> (0 = no answer at all).</summary>
    public void InjectFaults(int status, int count)
    {
        lock (_gate) for (var i = 0; i < count; i++) _faults.Enqueue(status);
    }

    public int? NextFault()
    {
        lock (_gate) return _faults.Count > 0 ? _faults.Dequeue() : null;
    }

    public void Reset()
    {
        lock (_gate)
        {
            _payments.Clear();
            _keys.Clear();
            _faults.Clear();
        }
    }
}
