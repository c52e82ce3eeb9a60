using Portal.Infrastructure.Jobs;
using Quartz;

namespace Portal.Infrastructure.Messages;

/// <summary>Sends due messages (<see cref="MessageDispatcher"/>) on the worker nodes; never two runs at once, also across nodes.</summary>
[DisallowConcurrentExecution]
public sealed class MessageDeliveryJob(MessageDispatcher work) : ScheduledJob<MessageDispatcher>(work)
{
    public static readonly JobKey Key = new("message-delivery");
}
