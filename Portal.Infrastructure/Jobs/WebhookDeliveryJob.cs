using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Webhooks;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>Sends due webhook deliveries on the worker nodes.</summary>
[DisallowConcurrentExecution]
public class WebhookDeliveryJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("webhook-delivery");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().RunAsync(cancellationToken);
    }
}
