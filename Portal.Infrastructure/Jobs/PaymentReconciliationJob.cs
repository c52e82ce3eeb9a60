using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Payments;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>Runs <see cref="PaymentReconciliation"/> on the worker nodes, one run at a time.</summary>
[DisallowConcurrentExecution]
public class PaymentReconciliationJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("payment-reconciliation");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PaymentReconciliation>().RunAsync(PaymentReconciliation.Grace, cancellationToken);
    }
}
