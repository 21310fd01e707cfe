using ChatServer.Client;
using ChatServer.Contracts;

namespace ChatServer.Samples.ConsoleChat;

/// <summary>
/// A signed-in session: connects, then runs one input line at a time (a message for the current room or a slash
/// command, see <see cref="InputCommand"/>) while the client's events are shown as they arrive.
/// </summary>
internal sealed class ChatSession
{
    private const int HistoryPageSize = 20;

    private readonly ChatClient _client;
    private readonly ChatView _view;
    private readonly JoinedRooms _rooms = new();

    // Only the input loop reads and writes it, one command at a time.
    private string? _current;

    public ChatSession(ChatClient client, ChatView view)
    {
        _client = client;
        _view = view;
        client.MessageReceived += view.Message;
        client.UserJoined += (room, user) =>
        {
            _rooms.SetOnline(room, user, online: true);
            view.Presence(room, user, joined: true);
        };
        client.UserLeft += (room, user) =>
        {
            _rooms.SetOnline(room, user, online: false);
            view.Presence(room, user, joined: false);
        };
        client.TypingChanged += (room, user, isTyping) =>
        {
            if (isTyping)
            {
                view.Typing(room, user);
            }
        };
        client.DirectRoomActivity += (_, fromUser) => view.DirectRoomActivity(fromUser);
        client.Reconnecting += _ => view.Reconnecting();
        client.Reconnected += view.Reconnected;
        client.ResumeFailed += view.ResumeFailed;
        client.Closed += view.Closed;
    }

    /// <summary>Connects, lists the rooms, then runs commands until <c>/quit</c>, the end of input or cancellation.</summary>
    public async Task RunAsync(InputLines input, CancellationToken cancellationToken)
    {
        await _client.StartAsync(cancellationToken);
        await RunCommandAsync(new InputCommand.Rooms(), cancellationToken);
        while (await input.NextAsync(cancellationToken) is { } line)
        {
            var command = InputCommand.Parse(line);
            if (command is InputCommand.Quit)
            {
                return;
            }

            if (command is not null)
            {
                await RunCommandAsync(command, cancellationToken);
            }
        }
    }

    // The loop's boundary: a failed command (a HubException with a message for people, or a call made while the
    // connection is down) is shown and the session goes on; only cancellation ends it.
    private async Task RunCommandAsync(InputCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(command, cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            _view.Error(error);
        }
    }

    private async Task ExecuteAsync(InputCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case InputCommand.Say say when _current is { } room:
                await _client.SendMessageAsync(room, say.Text, Guid.NewGuid().ToString("N"), cancellationToken);
                break;
            case InputCommand.Join join:
                await JoinAsync(join.Room, cancellationToken);
                break;
            case InputCommand.DirectMessage dm:
                await JoinAsync(await _client.OpenDirectRoomAsync(dm.User, cancellationToken), cancellationToken);
                break;
            case InputCommand.Leave when _current is { } room:
                await _client.LeaveRoomAsync(room, cancellationToken);
                _rooms.Remove(room);
                _current = _rooms.Names is [.., var other] ? other : null;
                _view.Left(room, _current);
                break;
            case InputCommand.History when _current is { } room:
                await ShowOlderAsync(room, cancellationToken);
                break;
            case InputCommand.Who when _current is { } room:
                _view.Who(room, _rooms.Online(room));
                break;
            case InputCommand.Rooms:
                _view.Rooms(await _client.ListRoomsAsync(cancellationToken));
                break;
            case InputCommand.Help:
                _view.Help();
                break;
            case InputCommand.Invalid invalid:
                _view.Error(invalid.Problem);
                break;
            default:
                _view.NoRoom();
                break;
        }
    }

    /// <summary>Joins a room and shows its snapshot; a room already joined just becomes the current one.</summary>
    private async Task JoinAsync(string room, CancellationToken cancellationToken)
    {
        if (_rooms.Contains(room))
        {
            _current = room;
            _view.Switched(room);
            return;
        }

        var snapshot = await _client.JoinRoomAsync(room, cancellationToken: cancellationToken);
        _rooms.Add(snapshot);
        _current = snapshot.Room;
        _view.Joined(snapshot);
    }

    private async Task ShowOlderAsync(string room, CancellationToken cancellationToken)
    {
        if (_rooms.OlderThan(room) is not { } before)
        {
            _view.NoOlderMessages(room);
            return;
        }

        var page = await _client.GetHistoryAsync(room, before, HistoryPageSize, cancellationToken);
        _rooms.Paged(room, page);
        _view.History(room, page);
    }
}
