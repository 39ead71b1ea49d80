#!/usr/bin/env escript
%% ssl:connect/4 (verify_peer, cacertfile) or httpc:request/4 with the same ssl options;
%% a failure is printed as the term, io:format("~p~n", [E]), as people paste it.
main([Mode, Port, Ca, Cap, Wait]) ->
    Timeout = round(list_to_float(Wait) * 1000),
    Versions = case Cap of "1.2" -> [{versions, ['tlsv1.2']}]; _ -> [] end,
    Ssl = [{verify, verify_peer}, {cacertfile, Ca}, {server_name_indication, "localhost"}
           | Versions],
    {ok, _} = application:ensure_all_started(ssl),
    case Mode of
        "ssl" -> connect(list_to_integer(Port), Ssl, Timeout);
        "httpc" -> request(Port, Ssl, Timeout)
    end.

connect(Port, Ssl, Timeout) ->
    case ssl:connect("localhost", Port, Ssl, Timeout) of
        {ok, Socket} -> io:format("connected~n"), ssl:close(Socket);
        E -> io:format("~p~n", [E]), halt(1)
    end.

request(Port, Ssl, Timeout) ->
    {ok, _} = application:ensure_all_started(inets),
    Url = "https://localhost:" ++ Port ++ "/",
    case httpc:request(get, {Url, []}, [{ssl, Ssl}, {timeout, Timeout},
                                        {connect_timeout, Timeout}], []) of
        {ok, {{_, Code, _}, _, _}} -> io:format("~p~n", [Code]);
        E -> io:format("~p~n", [E]), halt(1)
    end.
