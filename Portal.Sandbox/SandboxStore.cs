using System.Buffers.Text;
using System.Security.Cryptography;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Sandbox;

/// <summary>
/// The sandbox's memory: payments, customers with their mandates, refunds, chargebacks and injected faults. One per process; the sandbox exists for development and tests
/// only. Time comes from the app's <see cref="TimeProvider"/>, so tests move the sandbox's clock with their own.
/// </summary>
public sealed class SandboxStore(TimeProvider clock)
{
    /// <summary>How long an iDEAL checkout stays open before Mollie expires it.</summary>
    public static readonly TimeSpan CheckoutLifetime = TimeSpan.FromMinutes(15);
    /// <summary>Mollie pays out a refund after about two hours; until then it can be canceled.</summary>
    public static readonly TimeSpan RefundDelay = TimeSpan.FromHours(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SandboxPayment> _payments = [];
    private readonly Dictionary<string, SandboxCustomer> _customers = [];
    private readonly List<(int Status, string? Method)> _faults = [];
    private readonly Queue<string> _debitFailures = new();

    public DateTimeOffset Now => clock.GetUtcNow();

    public SandboxPayment? Find(string id)
    {
        lock (_gate) return _payments.GetValueOrDefault(id);
    }

    public IReadOnlyList<SandboxPayment> All()
    {
        lock (_gate) return _payments.Values.ToList();
    }

    public SandboxCustomer? FindCustomer(string id)
    {
        lock (_gate) return _customers.GetValueOrDefault(id);
    }

    public SandboxPayment AddPayment(CreateMolliePayment request, string? customerId = null, string? mandateId = null)
    {
        var direct = request.SequenceType == "recurring";
        var payment = new SandboxPayment
        {
            Id = NewId("tr_"),
            Request = request,
            CreatedAt = Now,
            CustomerId = customerId ?? request.CustomerId,
            MandateId = mandateId ?? request.MandateId,
            Status = direct ? "pending" : "open",
            DueDate = direct ? NextBusinessDay(DateOnly.FromDateTime(Now.UtcDateTime)) : null,
        };
        lock (_gate)
        {
            if (direct && payment.MandateId is { } m && _customers.GetValueOrDefault(payment.CustomerId!)?.Mandates.Find(x => x.Id == m) is { } mandate)
            {
                payment.ConsumerName = mandate.ConsumerName;
                payment.ConsumerAccount = mandate.ConsumerAccount;
            }
            _payments[payment.Id] = payment;
        }
        return payment;
    }

    public SandboxCustomer AddCustomer(CreateMollieCustomer request)
    {
        var customer = new SandboxCustomer { Id = NewId("cst_"), Request = request, CreatedAt = Now };
        lock (_gate) _customers[customer.Id] = customer;
        return customer;
    }

    /// <summary>Deleting a customer revokes its mandates, as Mollie does.</summary>
    public bool RemoveCustomer(string id)
    {
        lock (_gate)
        {
            if (!_customers.Remove(id, out var customer)) return false;
            foreach (var mandate in customer.Mandates) mandate.Status = "invalid";
            return true;
        }
    }

    public SandboxMandate AddMandate(SandboxCustomer customer, CreateMollieMandate request)
    {
        var mandate = new SandboxMandate
        {
            Id = NewId("mdt_"),
            CustomerId = customer.Id,
            ConsumerName = request.ConsumerName,
            ConsumerAccount = Portal.Domain.Payments.Iban.Normalise(request.ConsumerAccount),
            ConsumerBic = request.ConsumerBic,
            SignatureDate = request.SignatureDate,
            MandateReference = request.MandateReference,
            CreatedAt = Now,
        };
        lock (_gate) customer.Mandates.Add(mandate);
        return mandate;
    }

    /// <summary>The mandate a recurring payment may use: the one named, or else the customer's first valid one.</summary>
    public SandboxMandate? UsableMandate(SandboxCustomer customer, string? mandateId)
    {
        lock (_gate)
            return customer.Mandates.FirstOrDefault(m => m.Status == "valid" && (mandateId is null || m.Id == mandateId));
    }

    public bool RevokeMandate(SandboxCustomer customer, string mandateId)
    {
        lock (_gate)
        {
            if (customer.Mandates.Find(m => m.Id == mandateId) is not { } mandate) return false;
            mandate.Status = "invalid";
            return true;
        }
    }

    /// <summary>A refund, if the payment is paid and has that much left; null otherwise.</summary>
    public SandboxRefund? AddRefund(SandboxPayment payment, decimal amount, CreateMollieRefund request)
    {
        lock (_gate)
        {
            if (payment.Status != "paid" || amount <= 0 || amount > payment.Amount - payment.Refunded - payment.ChargedBack) return null;
            var refund = new SandboxRefund
            {
                Id = NewId("re_"), PaymentId = payment.Id, Amount = amount, Currency = payment.Request.Amount.Currency,
                Description = request.Description, Metadata = request.Metadata, CreatedAt = Now,
            };
            payment.Refunds.Add(refund);
            return refund;
        }
    }

    /// <summary>A refund can be stopped while Mollie still holds it (queued or pending).</summary>
    public bool CancelRefund(SandboxRefund refund)
    {
        lock (_gate)
        {
            if (refund.Status is not ("queued" or "pending")) return false;
            refund.Status = "canceled";
            return true;
        }
    }

    /// <summary>The customer's bank reverses a paid payment (storno). The payment stays paid.</summary>
    public SandboxChargeback? AddChargeback(SandboxPayment payment, decimal? amount, string reasonCode)
    {
        lock (_gate)
        {
            var left = payment.Amount - payment.ChargedBack;
            var value = amount ?? left;
            if (payment.Status != "paid" || value <= 0 || value > left) return null;
            var chargeback = new SandboxChargeback
            {
                Id = NewId("chb_"), PaymentId = payment.Id, Amount = value, Currency = payment.Request.Amount.Currency,
                ReasonCode = reasonCode, CreatedAt = Now,
            };
            payment.Chargebacks.Add(chargeback);
            return chargeback;
        }
    }

    public bool ReverseChargeback(SandboxChargeback chargeback)
    {
        lock (_gate)
        {
            if (chargeback.ReversedAt is not null) return false;
            chargeback.ReversedAt = Now;
            return true;
        }
    }

    /// <summary>Moves a payment to a new status; false when it is already final (Mollie's final states stay final).</summary>
    public bool SetStatus(string id, string status, string? bankReasonCode = null)
    {
        lock (_gate)
        {
            if (!_payments.TryGetValue(id, out var payment) || payment.IsFinal) return false;
            payment.Status = status;
            if (status == "failed" && payment.IsDirectDebit) payment.BankReasonCode = bankReasonCode ?? "AM04";
            if (status == "paid") payment.PaidAt = Now;
            if (status == "paid" && payment.Request.SequenceType == "first") GiveMandate(payment);
            if (payment.IsFinal) payment.FinishedAt = Now;
            return true;
        }
    }

    /// <summary>A paid first payment leaves a valid direct-debit mandate on the bank account it was paid from.</summary>
    private void GiveMandate(SandboxPayment payment)
    {
        if (payment.CustomerId is null || !_customers.TryGetValue(payment.CustomerId, out var customer)) return;
        payment.ConsumerName ??= "Test Debiteur";
        payment.ConsumerAccount ??= "NL55INGB0000000000";
        var mandate = new SandboxMandate
        {
            Id = NewId("mdt_"), CustomerId = customer.Id, ConsumerName = payment.ConsumerName, ConsumerAccount = payment.ConsumerAccount,
            ConsumerBic = "INGBNL2A", CreatedAt = Now,
        };
        customer.Mandates.Add(mandate);
        payment.MandateId = mandate.Id;
    }

    /// <summary>The next <paramref name="count"/> direct debits that fall due fail with this bank reason code.</summary>
    public void FailNextDebits(string bankReasonCode, int count)
    {
        lock (_gate) for (var i = 0; i < count; i++) _debitFailures.Enqueue(bankReasonCode);
    }

    /// <summary>
    /// What time does by itself, as at Mollie: open checkouts expire after 15 minutes, direct debits are collected
    /// (paid, or failed with a bank reason) on their due date, refunds are paid out after two hours. Answers the
    /// payments whose webhook must be called.
    /// </summary>
    public IReadOnlyList<SandboxPayment> Tick()
    {
        var changed = new List<SandboxPayment>();
        lock (_gate)
        {
            var today = DateOnly.FromDateTime(Now.UtcDateTime);
            foreach (var payment in _payments.Values.OrderBy(p => p.CreatedAt))
            {
                if (payment.Status == "open" && !payment.IsDirectDebit && Now - payment.CreatedAt >= CheckoutLifetime)
                {
                    payment.Status = "expired";
                    payment.FinishedAt = Now;
                    changed.Add(payment);
                }
                else if (payment.Status == "pending" && payment.IsDirectDebit && payment.DueDate <= today)
                {
                    if (_debitFailures.TryDequeue(out var reason))
                    {
                        payment.Status = "failed";
                        payment.BankReasonCode = reason;
                    }
                    else
                    {
                        payment.Status = "paid";
                        payment.PaidAt = Now;
                    }
                    payment.FinishedAt = Now;
                    changed.Add(payment);
                }
                foreach (var refund in payment.Refunds.Where(r => r.Status == "pending" && Now - r.CreatedAt >= RefundDelay))
                {
                    refund.Status = "refunded";
                    if (!changed.Contains(payment)) changed.Add(payment);
                }
            }
        }
        return changed;
    }

    /// <summary>
    /// The next <paramref name="count"/> API calls answer <paramref name="status"/> (0 = no answer at all); with a
    /// <paramref name="method"/>, only calls with that HTTP method (a DELETE refused as Mollie refuses an iDEAL cancel).
    /// </summary>
    public void InjectFaults(int status, int count, string? method = null)
    {
        lock (_gate) for (var i = 0; i < count; i++) _faults.Add((status, method?.ToUpperInvariant()));
    }

    public int? NextFault(string method)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Method is null || f.Method == method);
            if (index < 0) return null;
            var fault = _faults[index];
            _faults.RemoveAt(index);
            return fault.Status;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _payments.Clear();
            _customers.Clear();
            _faults.Clear();
            _debitFailures.Clear();
        }
    }

    /// <summary>Banks collect on SEPA working days: the first TARGET2 business day after <paramref name="day"/> (no weekend, no closing day).</summary>
    public static DateOnly NextBusinessDay(DateOnly day) => Portal.Domain.DirectDebit.Target2Calendar.AddBusinessDays(day, 1);

    private static string NewId(string prefix) =>
        prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(8)).Replace("-", "x").Replace("_", "y");
}
