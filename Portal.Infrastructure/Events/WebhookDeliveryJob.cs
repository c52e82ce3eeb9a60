using Portal.Infrastructure.Jobs;
using Quartz;

namespace Portal.Infrastructure.Events;

/// <summary>Sends due webhook deliveries (<see cref="WebhookDispatcher"/>) on the worker nodes.</summary>
[DisallowConcurrentExecution]
public sealed class WebhookDeliveryJob(WebhookDispatcher work) : ScheduledJob<WebhookDispatcher>(work)
{
    public static readonly JobKey Key = new("webhook-delivery");
}
