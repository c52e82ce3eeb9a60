using Microsoft.EntityFrameworkCore;

namespace Portal.Infrastructure.Database;

/// <summary>
/// Two requests creating the same thing at once: the second insert hits the unique index. Running the use
/// case again then finds the first one's row and updates it, as if the requests had come one after another.
/// </summary>
public static class ConcurrentInsert
{
    public static async Task<T> RetryOnceAsync<T>(PortalDbContext db, Func<Task<T>> useCase)
    {
        try
        {
            return await useCase();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await useCase();
        }
    }
}
