using Portal.Infrastructure.Jobs;
using Quartz;

namespace Portal.Infrastructure.Payments;

/// <summary>Runs <see cref="PaymentReconciliation"/> on the worker nodes, one run at a time.</summary>
[DisallowConcurrentExecution]
public sealed class PaymentReconciliationJob(PaymentReconciliation work) : ScheduledJob<PaymentReconciliation>(work)
{
    public static readonly JobKey Key = new("payment-reconciliation");
}
