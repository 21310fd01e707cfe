using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using ChatServer.Chat;
using ChatServer.Jobs;
using ChatServer.Jobs.Export;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatServer.Api;

/// <summary>
/// Background jobs over HTTP: <c>POST /api/rooms/{room}/exports</c> queues a room export, <c>/api/jobs/{jobId}</c>
/// reads or cancels a job and <c>/api/jobs/{jobId}/result</c> downloads its file. A job is its requester's only:
/// anyone else gets 404, as for a job that does not exist.
/// </summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/rooms/{room}/exports", ExportAsync).RequireAuthorization().WithTags("Rooms")
            .WithName("ExportRoom")
            .WithSummary("Export a room's history")
            .WithDescription("Queues a background job that writes the room's whole history as json, csv or html. "
                + "Follow it at Location (or the hub's JobUpdated event) and download resultUrl when it has succeeded. "
                + "400 for a bad room or format; 403 for a direct room the caller is not part of; 429 (with Retry-After) "
                + "when the caller already has the most queued or running jobs allowed.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var jobs = endpoints.MapGroup("/api/jobs").RequireAuthorization().WithTags("Jobs")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapGet("/{jobId}", GetAsync)
            .WithName("GetJob")
            .WithSummary("Read a job's status")
            .WithDescription("The job's status, progress (0..1), attempts, error and, once it has succeeded, resultUrl. 404 for anyone but its requester.");
        jobs.MapGet("/{jobId}/result", GetResultAsync)
            .WithName("GetJobResult")
            .WithSummary("Download a job's result")
            .WithDescription("The file, streamed, as an attachment. 404 for anyone but the requester, and until the job has succeeded or after its result expired.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        jobs.MapDelete("/{jobId}", CancelAsync)
            .WithName("CancelJob")
            .WithSummary("Cancel a job")
            .WithDescription("A queued job never starts; a running one stops within about a second. A finished job stays as it is. 404 for anyone but its requester.");
        return endpoints;
    }

    private static async Task<Results<Accepted<JobAccepted>, ProblemHttpResult>> ExportAsync(
        [Description("A public room (^[a-z0-9][a-z0-9_-]{0,63}$) or a direct room dm:{a}:{b}.")] string room,
        ExportRequest request,
        ClaimsPrincipal user, ChatRoomService chat, JobScheduler scheduler, HttpContext http, CancellationToken cancellationToken)
    {
        var format = ExportFormats.Parse(request.Format);
        var owner = UserName(user);
        room = await chat.EnsureCanReadAsync(owner, room, cancellationToken);
        if (await scheduler.EnqueueAsync(owner, RoomExportJob.Request(room, format), cancellationToken) is not { } job)
        {
            http.Response.Headers.RetryAfter = ((int)JobScheduler.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                title: "Too many jobs: wait until one of yours has finished (or cancel one) and try again",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        return TypedResults.Accepted($"/api/jobs/{job.JobId}", new JobAccepted(job.JobId, job.Status));
    }

    private static async Task<Results<Ok<JobStatus>, NotFound>> GetAsync(
        string jobId, ClaimsPrincipal user, JobScheduler scheduler, CancellationToken cancellationToken) =>
        await scheduler.FindAsync(UserName(user), jobId, cancellationToken) is { } job ? TypedResults.Ok(job.ToStatus()) : TypedResults.NotFound();

    private static async Task<Results<PushStreamHttpResult, NotFound>> GetResultAsync(
        string jobId, ClaimsPrincipal user, JobScheduler scheduler, IJobResultStore results, CancellationToken cancellationToken)
    {
        if (await scheduler.FindAsync(UserName(user), jobId, cancellationToken) is not { Status: JobStates.Succeeded } job
            || !await results.ExistsAsync(job.JobId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        // fileDownloadName sets Content-Disposition: attachment.
        return TypedResults.Stream(body => results.CopyToAsync(job.JobId, body, cancellationToken), job.ResultContentType, job.ResultName);
    }

    private static async Task<Results<NoContent, NotFound>> CancelAsync(
        string jobId, ClaimsPrincipal user, JobScheduler scheduler, CancellationToken cancellationToken) =>
        await scheduler.CancelAsync(UserName(user), jobId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static string UserName(ClaimsPrincipal user) => RoomEndpoints.UserName(user);
}
