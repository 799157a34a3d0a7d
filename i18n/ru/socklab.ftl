# Сообщения socklab по-русски. Имена (системные вызовы, errno, состояния TCP,
# флаги, опции, дескрипторы, команды) остаются как есть.


## ---- section language: the language itself (--lang, the lang command) ----

lang-now = Теперь сообщения на русском (имена, команды и JSON остаются как есть).
lang-current = язык: { $name } ({ $code }) — сменить: lang en, lang ru или lang zh
lang-name-en = английский
lang-name-ru = русский
lang-name-zh = упрощённый китайский

## ---- end of section language ----


## ---- section cli: the command line: clap's help and words, the man page ----

cli-about = Вызывайте настоящий API сокетов вручную, по одному вызову, и смотрите, что делает ядро.
cli-json = Вместо текста — по одному объекту JSON на каждую выполненную строку
cli-timeout = Ограничить каждый блокирующий вызов (например 10, 1.5s, 200ms; 0 — без ограничения). По умолчанию: 10s в сценариях (run), без ограничения в оболочке; в уроках (test, play, record) 5s, если файл не задаёт `#! timeout:`, и не больше 60s
cli-bail = В сценариях останавливаться на первой ошибке в команде или на первом тайм-ауте
cli-sandbox = Работать в собственных пространствах имён пользователя и сети: своя петлевая сеть (loopback) и CAP_NET_RAW в ней для показа трафика (wire)
cli-lab = Работать в сетевой лаборатории: хосты a (192.0.2.1) и b (192.0.2.2), каждый в своём сетевом пространстве имён, соединены каналом, кадры по которому пересылает socklab (link hold, deliver, drop …; docs/lab.md). С record: урок идёт в лаборатории (пишется `#! lab`, как при record в сеансе лаборатории); test и play берут `#! lab` из самого урока
cli-wire = Начать с включённым показом трафика (wire): сегменты, которые каждый шаг отправляет по loopback (нужен CAP_NET_RAW). `--wire=ladder` рисует их лестницей под каждым шагом, `--wire=summary` — строкой на каждое направление; `wire on` в самом уроке сохраняет выбранный здесь вид
cli-encoding = Кодировка, в которой отправляется набранный текст и показываются полученные байты: utf-8 (по умолчанию), gbk, gb18030, big5, shift_jis, euc-kr, windows-1251, koi8-r, latin1 … (`#! encoding:` в уроке имеет приоритет)
cli-max_memory = Наибольший объём памяти, который socklab держит для сеанса: замеры, кадры, задержанные в канале лаборатории (hold) или идущие по нему с задержкой (delay), ещё не показанные результаты фоновых заданий (например 512M, 2G). По умолчанию: 1G в сценариях и оболочке; урок (test, play) получает 256M, можно дать меньше, но не больше
cli-max_jobs = Наибольшее число фоновых заданий и наблюдателей одновременно. По умолчанию: 1024 в сценариях и оболочке; урок получает 256, можно дать меньше, но не больше
cli-lang = Язык объяснений socklab: en, ru или zh (упрощённый китайский). По умолчанию — из LC_ALL, LC_MESSAGES, LANG; имена, команды и JSON одинаковы на всех языках
cli-color = Цвет: auto (в терминале, если не задан NO_COLOR), always, never
cli-run-about = Выполнить сценарий из строк socklab (FILE или - для stdin) в одном сеансе
cli-run-file = Сценарий: файл строк socklab или - для стандартного ввода
cli-test-about = Воспроизвести транскрипты на живом ядре и сравнить (по умолчанию: transcripts/). Каждый идёт как урок: своя сеть, без файлов, с ограничениями — урок занимает не больше 256 МиБ памяти, запускает не больше 256 фоновых заданий одновременно и идёт не дольше 300 с; при -j N уроки идут по N одновременно, и прогону нужно самое большее в N раз больше
cli-test-paths = Файлы транскриптов, каталоги с ними или встроенные уроки по имени или номеру, как их принимает play (41, half-close; если есть файл с таким именем, берётся файл) (по умолчанию: transcripts/, а с --lessons — уроки, встроенные в socklab)
cli-test-lessons = Прогнать библиотеку уроков, встроенную в socklab (из любого каталога)
cli-test-bless = Переписать прямо в файле ожидаемый вывод команд, которые не прошли
cli-test-jobs = Сколько файлов прогонять одновременно (по умолчанию: вдвое больше числа процессоров, но не меньше 4)
cli-test-host_net = Работать в сети хоста, а не в отдельной сети для каждого урока (для собственных наборов тестов с настоящим сервером)
cli-test-max_time = Наибольшее время работы каждого урока (например 60s; по умолчанию и не больше 300s): шаг, который к этому моменту ещё идёт, прерывается на месте
cli-test-pace = Делать паузу указанной длины перед каждым шагом (например 5s), как учитель, который останавливается, чтобы объяснить: таймеры ядра тем временем идут
cli-record-about = Выполнить команды из stdin и записать их вместе с выводом в транскрипт
cli-record-file = Транскрипт для записи (заменяется, если существует; никогда не через символическую ссылку)
cli-play-about = Пройти транскрипт вживую: пояснение, команда, Enter, настоящий вывод. Идёт как урок: своя сеть, без файлов, с ограничениями
cli-play-file = Урок: файл .socklab или имя либо номер встроенного урока (half-close, 03; их перечисляет socklab lessons). Если есть файл с таким именем, берётся файл
cli-play-auto = Переходить к следующему шагу самому через это время (например 1.5s), не дожидаясь Enter
cli-play-host_net = Работать в сети хоста, а не в отдельной
cli-play-max_time = Наибольшее общее время шагов урока, паузы не в счёт (например 60s; по умолчанию и не больше 300s): шаг, который к этому моменту ещё идёт, прерывается на месте
cli-play-predict = Сначала предсказать, потом выполнить: перед каждым шагом, который делает вызов, спрашивать, что он вернёт (собственные вопросы урока, строки `?>`, задаются в любом случае); ответ сверяется с тем, что вызов сделал на самом деле, а в конце урока подводится итог. Не вместе с --auto
cli-play-report = Добавить вопросы этого прохода в отчёт для учителя: FILE.csv (строка на вопрос: шаг, ответ, настоящий результат, верно или нет, сколько секунд) или FILE.json (объект JSON на проход, по одному в строке). Файл дополняется, так что проходы всего класса собираются в одном файле
cli-translate-about = Превратить вызовы сокетов программы на Python в сценарий socklab: по строке на вызов, каждая с номером строки программы; то, что перевести нельзя (циклы, условия, input(), переменные, известные только работающей программе), перечисляется в стандартном потоке ошибок (stderr) и остаётся в сценарии комментарием
cli-translate-program = Программа на Python
cli-translate-args = Собственные аргументы программы, как она читает их из sys.argv
cli-translate-output = Записать сценарий сюда (отказ, если файл существует, без --force), а не на стандартный вывод
cli-translate-force = Заменить OUT, если он существует
cli-diagram-about = Нарисовать транскрипт лестничной диаграммой (диаграммой последовательности): стрелка на сегмент, состояния обеих сторон, вызовы — по выводу, записанному в файле
cli-diagram-file = Транскрипт: файл .socklab или имя либо номер встроенного урока
cli-diagram-output = Записать рисунок сюда (отказ, если файл существует, без --force), а не на стандартный вывод
cli-diagram-format = Формат: mermaid (sequenceDiagram, который показывает GitHub), txt (лестница для терминала), svg (самостоятельный рисунок) или html (рисунок рядом с пояснениями урока, для раздаточного материала). По умолчанию — по расширению OUT (.txt, .svg, .html; иначе mermaid)
cli-diagram-width = Ширина лестницы в столбцах (txt; не меньше 40)
cli-diagram-ascii = Рисовать лестницу только символами ASCII (txt)
cli-diagram-force = Заменить OUT, если он существует
cli-diagram-steps = Рисовать только эти команды транскрипта, считая с 1: `6-7` (скажем, рукопожатие урока для отдельного слайда), `10-` (с 10-й и дальше), `14`
cli-diagram-graph = Нарисовать вместо этого график время–последовательность (SVG): номер последовательности по порядку сегментов для направления, которое несло больше всего данных, линия ACK, повторные передачи и потери — по строкам сегментов транскрипта
cli-export-about = Записать транскрипт как вашу собственную программу (Python или C), которая делает те же вызовы и сверяет каждый результат с записанным
cli-export-file = Транскрипт: файл .socklab или имя либо номер встроенного урока
cli-export-to = Язык: python (только стандартная библиотека), c (POSIX) или markdown (транскрипт и обе программы на одной странице, как docs/export.md)
cli-export-output = Записать программу сюда (отказ, если файл существует, без --force), а не на стандартный вывод
cli-export-force = Заменить OUT, если он существует
cli-lessons-about = Перечислить уроки, встроенные в socklab, по группам, с тем, что нужно каждому
cli-completions-about = Напечатать сценарий автодополнения для оболочки (bash, zsh, fish, elvish, powershell)
cli-completions-shell = Оболочка: bash, zsh, fish, elvish или powershell
cli-manpage-about = Напечатать страницу руководства socklab (roff), включая глаголы языка команд
cli-help-about = Показать справку по команде, errno (ECONNREFUSED) или `options`
cli-help-topic = Команда (bind), errno (ECONNREFUSED или 111), имя из Python (setblocking, ConnectionRefusedError), python или options
cli-help-markdown = Напечатать весь справочник команд в Markdown (docs/commands.md; с темой python — docs/python.md)
cli-usage = Использование
cli-options = Параметры
cli-arguments = Аргументы
cli-commands = Команды
cli-print-help = Показать справку
cli-print-version = Показать версию
cli-man-name = ИМЯ
cli-man-synopsis = ОБЗОР
cli-man-description = ОПИСАНИЕ
cli-man-options = ПАРАМЕТРЫ
cli-man-subcommands = ПОДКОМАНДЫ
cli-man-version = ВЕРСИЯ
cli-man-commands = ЯЗЫК КОМАНД
cli-default = [по умолчанию: { $value }]
cli-possible = [возможные значения: { $values }]

## ---- end of section cli ----


## ---- section words: a step's lines, notes and why lines (src/render/words.rs and what it uses) ----

# Строка why: причина, которую socklab различил (command::why).

why-peer-crashed = хост { $host } упал (host { $host } crash) и поднялся без всякого состояния TCP: такого соединения он не знает, поэтому на то, что послал этот сокет, ответил RST
why-not-established = соединение ещё не установлено (SYN_SENT: рукопожатие не завершено), а неблокирующий send его не ждёт — сначала await H ESTABLISHED (или poll H out), потом send
why-syn-retries = на SYN никто не ответил: ядро посылало его снова и снова и сдалось — сколько ждать, решает net.ipv4.tcp_syn_retries (или TCP_SYNCNT на сокете)
why-syn-user-timeout = на SYN не ответили, пока не истёк TCP_USER_TIMEOUT (он задан на этом сокете) или tcp_syn_retries — что наступило раньше: ядро отказалось от соединения
why-user-timeout = на этом сокете задан TCP_USER_TIMEOUT: отправленное (данные или проба keepalive) оставалось без подтверждения дольше этого срока, и ядро отказалось от соединения
why-keepalive = SO_KEEPALIVE: соединение простаивало, и TCP_KEEPCNT проб keepalive (с интервалом TCP_KEEPINTVL, после TCP_KEEPIDLE тишины) остались без ответа — другой стороны больше нет
why-window-probes = окно другой стороны было закрыто (0), а пробы, проверяющие, не открылось ли оно, net.ipv4.tcp_retries2 раз остались без ответа — другой стороны больше нет
why-data-retries = отправленные данные так и не были подтверждены: ядро повторяло передачу, каждый раз выжидая дольше, пока не исчерпался net.ipv4.tcp_retries2 (по умолчанию 15: около 15 минут), и отказалось от соединения
why-listener-data = это слушающий сокет: он принимает соединения (accept), а данных сам не передаёт — данные каждого соединения идут через сокет, который для него вернул accept
why-listener-connect = это слушающий сокет: он принимает соединения, но сам соединиться не может — клиент — это отдельный сокет (socket, затем connect)
why-rcvtimeo-ran-out = истёк SO_RCVTIMEO: сокет блокирующий, но его ожидание обрывается через заданное время, а за это время ничего не пришло — этот тайм-аут так и заканчивается, ошибкой EAGAIN (и это не значит, что сокет неблокирующий)
why-sndtimeo-ran-out = истёк SO_SNDTIMEO: сокет блокирующий, но ожидание места в буфере отправки (другая сторона не читает) обрывается через заданное время — этот тайм-аут так и заканчивается, ошибкой EAGAIN (и это не значит, что сокет неблокирующий)
why-connect-sndtimeo = SO_SNDTIMEO истёк, пока connect ждал завершения рукопожатия: сокет блокирующий, но ожидание connect обрывается через заданное время, а рукопожатие продолжается — await H ESTABLISHED (или poll H out), затем getsockopt H SO_ERROR
why-port-listener = на этом порту слушает сокет (см. ниже): SO_REUSEADDR никогда не позволяет bind делить порт со слушающим сокетом — закройте его или привяжитесь к другому порту
why-port-reuse-not-both = на этом сокете SO_REUSEADDR установлен, но в Linux bind делит порт с соединением (и в TIME_WAIT тоже) или с привязанным сокетом, только если и у того был SO_REUSEADDR — принятое соединение получает его от своего слушающего сокета, поэтому сервер ставит его на слушающий сокет до bind; теперь дождитесь, пока соединение ниже уйдёт, или привяжитесь к другому порту
why-port-set-it-here = у того, кто занимает порт (см. ниже), SO_REUSEADDR есть, и он не слушает, а у этого сокета нет: setsockopt H SO_REUSEADDR 1 перед bind — и порт будет общим
why-port-set-it-both = порт занят другим сокетом (см. ниже), а у этого сокета нет SO_REUSEADDR: установите его перед bind (setsockopt H SO_REUSEADDR 1) — в Linux этого достаточно, только если он был и у сокета, занимающего порт (принятое соединение получает его от своего слушающего сокета)
why-port-udp = к этому порту уже привязан другой UDP-сокет, на этом адресе или на подстановочном: UDP-сокеты делят порт, только если каждый из них установил SO_REUSEADDR (или SO_REUSEPORT) до bind — закройте его или привяжитесь к другому порту

# Когда выбирается причина (help ERRNO перечисляет их).

why-when-send-on-listener = send на слушающем
why-when-recv-on-listener = recv на слушающем
why-when-connect-on-listener = connect на слушающем
why-when-rcvtimeo = истёк SO_RCVTIMEO
why-when-sndtimeo = истёк SO_SNDTIMEO
why-when-listener-holds-it = порт у слушающего
why-when-reuse-here-only = SO_REUSEADDR тут
why-when-reuse-there-only = SO_REUSEADDR там
why-when-no-reuse-here = без SO_REUSEADDR
why-when-udp = UDP
why-when-peer-host-crashed = хост другой стороны упал
why-when-send-in-syn-sent = send в SYN_SENT
why-when-syn-retries = повторы SYN
why-when-syn-user-timeout = SYN и TCP_USER_TIMEOUT
why-when-data-retries = повторы данных
why-when-keepalive = keepalive
why-when-user-timeout = TCP_USER_TIMEOUT
why-when-window-probes = пробы окна

# Что шаг показывает вокруг своего вызова (render::text, render::ladder).

render-why = почему:
render-note = заметка:
render-error = ошибка:
render-data = данные:
render-state = состояние
render-no-fd = { $handle } (без fd)
render-gone = нет
render-new-handle = новый дескриптор
render-new-handles = новые дескрипторы
render-addr-bound = привязан к
render-addr-local = локальный адрес
render-addr-peer = адрес собеседника
render-addr-from = от
render-addr-listening-on = слушает на
render-more-bytes = … (ещё { $count } { $count ->
    [one] байт
    [few] байта
   *[many] байт
})
render-timed-out = тайм-аут: вызов всё ещё был заблокирован через { $after }, поэтому socklab его прервал
render-out-of-time = время вышло: урок может идти { $limit }, и это время кончилось на этом шаге, поэтому socklab его остановил
render-not-reached = { $verb } не удалось:
render-between-steps = между шагами:
render-between-steps-before-call = между шагами, до этого вызова:
render-and = { $first } и { $last }

# Что значит errno, после его имени: `= -1 ECONNREFUSED (В соединении отказано)`.

errno-EACCES = Доступ запрещён
errno-EADDRINUSE = Адрес уже используется
errno-EADDRNOTAVAIL = Невозможно назначить запрошенный адрес
errno-EAFNOSUPPORT = Семейство адресов не поддерживается протоколом
errno-EAGAIN = Ресурс временно недоступен, попробуйте ещё раз
errno-EALREADY = Операция уже выполняется
errno-EBADF = Неверный дескриптор файла
errno-ECONNABORTED = Программа вызвала прерывание соединения
errno-ECONNREFUSED = В соединении отказано
errno-ECONNRESET = Соединение сброшено другой стороной
errno-EDESTADDRREQ = Требуется адрес назначения
errno-EEXIST = Файл существует
errno-EFAULT = Неверный адрес
errno-EHOSTDOWN = Хост не в сети
errno-EHOSTUNREACH = Нет маршрута до хоста
errno-EINPROGRESS = Операция сейчас выполняется
errno-EINTR = Системный вызов прерван
errno-EINVAL = Недопустимый аргумент
errno-EISCONN = Конечная точка уже соединена
errno-ELOOP = Слишком много символических ссылок
errno-EMFILE = Слишком много открытых файлов
errno-EMSGSIZE = Слишком длинное сообщение
errno-ENAMETOOLONG = Слишком длинное имя файла
errno-ENETDOWN = Сеть не работает
errno-ENETRESET = Сеть разорвала соединение из-за сброса
errno-ENETUNREACH = Сеть недоступна
errno-ENFILE = Переполнена таблица файлов
errno-ENOBUFS = Нет свободного места в буфере
errno-ENODEV = Нет такого устройства
errno-ENOENT = Нет такого файла или каталога
errno-ENOMEM = Недостаточно памяти
errno-ENOPROTOOPT = Протокол недоступен
errno-ENOSPC = На устройстве не осталось места
errno-ENOSYS = Функция не реализована
errno-ENOTCONN = Конечная точка не соединена
errno-ENOTDIR = Это не каталог
errno-ENOTSOCK = Операция сокета не над сокетом
errno-ENXIO = Нет такого устройства или адреса
errno-EOPNOTSUPP = Операция не поддерживается
errno-EOVERFLOW = Значение слишком велико для этого типа данных
errno-EPERM = Операция не позволена
errno-EPFNOSUPPORT = Семейство протоколов не поддерживается
errno-EPIPE = Обрыв канала
errno-EPROTO = Ошибка протокола
errno-EPROTONOSUPPORT = Протокол не поддерживается
errno-EPROTOTYPE = Неверный тип протокола для сокета
errno-EROFS = Файловая система только для чтения
errno-ESHUTDOWN = Нельзя отправлять после завершения работы конечной точки
errno-ESOCKTNOSUPPORT = Тип сокета не поддерживается
errno-ETIMEDOUT = Время ожидания соединения истекло

# Строки шага (step::Line, render::words).

line-current = текущий дескриптор: { $handle }
line-job-started = [{ $id }] { $what } — выполняется в фоне (jobs покажет его, wait { $id } дождётся его)
line-watch-started = [{ $id }] наблюдаю за { $handle }: { $call } в цикле, в отдельном потоке (unwatch { $handle } остановит)
line-watch-stopped = [{ $id }] наблюдение за { $handle } остановлено (его recv прерван: EINTR)
line-job-stopped-by-close = задание [{ $id }] остановлено: оно работало с { $handle }
line-job = [{ $id }] { $what } — { $doing }
line-job-received = [{ $id }] { $what } — { $doing }, получено пока { $bytes } { $bytes ->
    [one] байт
    [few] байта
   *[many] байт
}
line-job-finished = завершено
line-job-blocked = заблокировано в своём вызове
line-job-running = выполняется
line-no-jobs = фоновых заданий нет
line-nothing-to-wait = нет фоновых вызовов, которых можно ждать
line-program-started = { $name } запущена: { $what } (pid { $pid }; её вывод помечен { $name }│, kill { $name } её остановит)
line-program-exited = { $name } завершилась с кодом { $code }
line-program-killed = { $name } убита сигналом { $signal }
line-program-signalled = { $signal } отправлен { $name } (её группе процессов)
line-program = { $name }: { $what } — выполняется, pid { $pid }
line-lesson-ended = урок { $lesson } закончен
line-lesson-failed = урок { $lesson } закончен; некоторые его шаги не удались
line-lesson-interrupted = урок { $lesson } остановлен (Ctrl-C)
line-lesson-refused = урок { $lesson } не удалось запустить (причина выше)
line-lesson-not-started = урок { $lesson } не удалось запустить: { $why }
line-lesson-back = { $ended } — вы снова в своём сеансе: его дескрипторы такие же, как были (у урока были свои сокеты, свой процесс и своя сеть)
line-reached = { $handle }: { $what } — дождались
line-reached-state = { $handle } в состоянии { $state }
line-reached-state-lives-on = { $handle } в состоянии { $state }; его соединение живёт дальше в { $connection } (его держит ядро, без fd)
line-reached-connection-socket = соединение { $handle } в состоянии { $state } (его держит ядро, без fd); сам сокет — в { $socket }
line-reached-connection = соединение { $handle } в состоянии { $state } (его держит ядро, без fd)
line-link-crossed = сегмент дошёл до канала (link)
line-segment-sent = сегмент ушёл в сеть
line-link-holding = link: каждый сегмент { $dirs } задерживается, пока вы не доставите или не отбросите его
line-link-passing = link: сегменты { $dirs } проходят сразу, как приходят
line-link-props = link { $dir }: { $props }
line-link-cleared = link { $dirs }: свойств нет (none)
line-link-seeded = link: каждый случайный выбор (потери, дубли, порча, перестановки, джиттер) теперь определяется зерном { $seed }
line-link-modes = link: a->b { $ab }, b->a { $ba } (a — это { $a }, b — { $b })
line-link-direction = { $dir }: { $props } — прошло { $passed } ({ $bytes } { $bytes ->
    [one] байт
    [few] байта
   *[many] байт
})
line-link-lost = потеряно: { $count }
line-link-queue-drops = отброшено переполненной очередью: { $count }
line-link-hand-drops = отброшено вручную: { $count }
line-link-duplicated = продублировано: { $count }
line-link-corrupted = испорчено: { $count }
line-link-reordered = переставлено: { $count }
line-link-budget-drops = отброшено из-за заполненного бюджета памяти: { $count }
line-link-queue = очередь { $depth } из { $queue }
line-link-seed = зерно { $seed }
line-unrecorded = не показано: кадров, пропущенных ядром, — { $passed }, отброшенных им — { $dropped }, пока кольцо ретранслятора было заполнено (socklab какое-то время не получал процессор)
line-unlogged = не показано: { $frames } { $frames ->
    [one] кадр
    [few] кадра
   *[many] кадров
}, пока бюджет памяти сеанса ({ $budget }) был заполнен
line-nothing-held = ничего не задержано
line-no-handles = дескрипторов нет — создайте его: socket tcp
line-settle-timeouts = { $count } { $count ->
    [one] шаг ждал
    [few] шага ждали
   *[many] шагов ждали
} до предела (2 с) того, что вызвали: машина не давала ядру кадры лаборатории, поэтому их вывод может опоздать на шаг
line-next-either-way = в любую сторону
line-next-drop = следующий сегмент { $which } будет отброшен
line-next-dup = следующий сегмент { $which } будет доставлен дважды
line-next-corrupt = следующий сегмент { $which } будет испорчен (один бит инвертирован, контрольная сумма прежняя)
line-delivered = доставлено
line-delivered-numbers = доставлено: { $numbers }
line-dropped = отброшено
line-dropped-numbers = отброшено: { $numbers }
line-job-done = [{ $id }] готово
line-watch-stopped-full = [{ $id }] наблюдение за { $handle } остановлено: { $full }, а результаты ещё не показаны — всё, что придёт дальше, ждёт в сокете (снова watch { $handle }, когда они будут показаны)
line-data-kept = сохранено как ${ $name } ({ $bytes } { $bytes ->
    [one] байт
    [few] байта
   *[many] байт
}; ${ $name } в данных send отправит их)
line-data-names = имена данных: { $names }
line-data-name = ${ $name } ({ $bytes } { $bytes ->
    [one] байт
    [few] байта
   *[many] байт
})
line-data-not-kept = ${ $name } не сохранено: { $why }
line-recvall-eof = EOF после { $received } из { $wanted } { $wanted ->
    [one] байта
    [few] байт
   *[many] байт
}: другая сторона закрыла соединение, не дослав сообщение целиком (то самое «socket connection broken» из учебников)
line-ioctl-value = значение: { $bytes } { $bytes ->
    [one] байт
    [few] байта
   *[many] байт
}
line-option-value = значение: { $value }
line-encoding = кодировка: { $encoding }
line-encoding-chosen = кодировка: { $encoding } (в ней отправляется набранный текст и показываются полученные байты)
line-default-host = новые сокеты создаются на хосте { $host } ({ $address })
line-rows-not-shown = … не показано строк: { $skipped } (таблица показывает первые { $head } и последние { $tail }; save FILE.csv сохранит все)
line-sampling-interrupted = прервано после { $count } { $count ->
    [one] замера
    [few] замеров
   *[many] замеров
}
line-host-delayed-ack = хост { $host } задерживает свои ACK, как обычный хост: ACK ждёт (до 40 мс и дольше) данных, с которыми можно уйти вместе, а каждый второй полноразмерный сегмент подтверждается сразу
line-host-quickack = хост { $host } подтверждает каждый сегмент сразу (в его маршрутах quickack), как и все хосты лаборатории, если не сказано иначе
line-host-down = хост { $host } выключен: его кабель выдернут — всё, что он посылает, уходит в никуда, и ничего до него не доходит; его ядру об этом не сообщают
line-host-up = хост { $host } снова в сети: кабель на месте
line-host-crashed = хост { $host } упал и поднялся без сокетов и без состояния TCP: потеряны { $lost } (и соединений, которые держало его ядро: { $forgotten }), и всё это молча, без единого сегмента в сети; на запоздавшие сегменты он ответит RST
line-host-crashed-nothing = хост { $host } упал и поднялся без сокетов и без состояния TCP: сокетов не потеряно (соединений, которые держало его ядро: { $forgotten }), и всё это молча, без единого сегмента в сети; на запоздавшие сегменты он ответит RST
line-eof-peer = EOF: другая сторона закрыла свою сторону отправки (или закрыла сокет)
line-eof-shut-read = EOF: эта сторона закрыла чтение
line-eof-datagram-shut-read = EOF: приём закрыт (shutdown read)
line-drained = { $received } { $received ->
    [one] байт
    [few] байта
   *[many] байт
} за { $calls } { $calls ->
    [one] вызов
    [few] вызова
   *[many] вызовов
} (самый большой — { $largest }), { $seconds } с
line-drained-eof = { $received } { $received ->
    [one] байт
    [few] байта
   *[many] байт
} за { $calls } { $calls ->
    [one] вызов
    [few] вызова
   *[many] вызовов
} (самый большой — { $largest }), затем EOF, { $seconds } с
line-drained-rate = { $received } { $received ->
    [one] байт
    [few] байта
   *[many] байт
} за { $calls } { $calls ->
    [one] вызов
    [few] вызова
   *[many] вызовов
} (самый большой — { $largest }), { $seconds } с, { $rate } Мбит/с
line-drained-eof-rate = { $received } { $received ->
    [one] байт
    [few] байта
   *[many] байт
} за { $calls } { $calls ->
    [one] вызов
    [few] вызова
   *[many] вызовов
} (самый большой — { $largest }), затем EOF, { $seconds } с, { $rate } Мбит/с
line-wire-on = показ трафика включён: каждый шаг показывает вызванные им сегменты
line-wire-ladder = показ трафика лесенкой: каждый шаг рисует свои сегменты между концами их соединения, время слева (wire on: снова по строке на сегмент)
line-wire-summary = показ трафика сводкой: каждый шаг показывает по каждому направлению, сколько сегментов и байтов, какой диапазон номеров, сколько передано повторно (wire on: снова каждый сегмент; wire save: каждый кадр)
line-wire-pinned = показ трафика включён, как задано в командной строке: --wire={ $look }
line-wire-off = показ трафика выключен
line-wire-was-not-on = показ трафика и не был включён
line-saved-frames = сохранено кадров: { $count }, в { $path }
line-saved-frames-let-go = (самые старые кадры отброшены: { $dropped }; запись хранит последние { $mib } МиБ)
line-saved-session = сеанс сохранён лесенкой из { $segments } { $segments ->
    [one] сегмента
    [few] сегментов
   *[many] сегментов
} в { $path }
line-saved-program = строки сеанса ({ $lines }) сохранены как программа на { $language } в { $path } (запустить: { $run })
line-saved-program-cut = (сеанс длиннее, чем хранит export: в программе только её первые { $kept } строк)
line-saved-steps-let-go = (самые старые шаги отброшены: { $dropped }; рисунок хранит последние { $kept })
line-saved-graph = график «время — номер» для { $from } → { $to } сохранён в { $path }: сегментов с данными — { $data }, отправлено повторно — { $again }, потеряно в канале — { $lost }
line-saved-samples = сохранено замеров: { $count }, в { $path }
line-saved-samples-plot = сохранено замеров: { $count }, в { $path } (график { $fields })
line-recording-started = запись в { $path } (record off — остановить)
line-recorded = записано: { $path }
line-held-sent = (отправлен { $count }×: { $times })
line-held-delivered = (доставлен; повторно отправлен { $count }×: { $times })

# Заметки шага (step::Note, render::words).

note-inflated-rtt = TCP измерил время кругового пути { $rtt }, пока сегменты задерживались вручную: его RTO теперь { $rto } (собственное время кругового пути канала: { $link }), так что потерянный сегмент будет отправлен повторно только с таким опозданием
note-privileged-bind = разрешено, потому что socklab работает с CAP_NET_BIND_SERVICE (от root или root своего пространства имён); обычный пользователь ниже net.ipv4.ip_unprivileged_port_start = { $start } получит EACCES
note-readable-when-closed = { $handle } не слушает и не соединён: poll сразу сообщает для него POLLHUP, и это будит читателя — но читать нечего (recv даёт ENOTCONN). «Готов к чтению» означает соединение, ждущее accept, у слушающего сокета и данные или EOF у соединённого
note-competing-watcher = наблюдатель [{ $job }] тоже читает { $handle }: они борются за данные, и то, что забрал один, другой никогда не увидит (unwatch { $handle }, чтобы читать только здесь)
note-sampling-stopped = остановлено после { $count } { $count ->
    [one] замера
    [few] замеров
   *[many] замеров
}: { $full } — делайте замеры реже или короче
note-private-network = этот сеанс работает в отдельной сети (--sandbox): там только сокеты самого socklab, поэтому программы снаружи недоступны — запустите socklab без --sandbox, чтобы общаться с ними
note-timeout-ran-out = { $option } на { $handle } равен { $timeout } (ядро считает его в тиках, округляя вверх): столько вызов и ждал
note-use-accepted-none = { $listener } слушает, и ни одного соединения с него ещё не принято: сначала conn = accept { $listener }, потом send и recv на conn
note-use-accepted-one = { $listener } слушает; данные идут через принятый сокет: { $accepted }
note-use-accepted-many = { $listener } слушает; данные идут через принятые сокеты: { $accepted }
note-port-picked = bind раньше не удался ({ $errno } на { $asked }), поэтому у сокета не было порта и ядро выбрало его само: { $got } — клиенты, идущие на порт { $port }, сюда не попадут (получат ECONNREFUSED или то, что слушает там); закройте этот сокет и, когда порт освободится, привяжите новый, потом listen
note-more-port-holders = и ещё { $count } { $count ->
    [one] сокет
    [few] сокета
   *[many] сокетов
} на этом порту (ss -tuan покажет все)
note-holder = { $handle } занимает порт: { $holding }
note-holder-closed = порт занимает соединение { $handle } (закрыт, ядро его держит): { $holding }
note-holder-outside = порт занимает сокет вне этого сеанса: { $holding }
note-holding-listening = слушает на { $local }
note-holding-bound = привязан к { $local }, не слушает
note-holding-connection = { $local } ↔ { $peer } в { $state }
note-holding-connection-alone = { $local } в { $state }
note-holding-udp-connected = привязан к { $local }, соединён с { $peer }
note-holding-udp = привязан к { $local }
note-holding-for = { $holding } ещё { $seconds } с
note-holding-reuse = { $holding }, с SO_REUSEADDR
note-holding-no-reuse = { $holding }, без SO_REUSEADDR
note-holding-reuse-lacked = { $holding }, и у его сокета не было SO_REUSEADDR (у этого есть: в Linux нужно у обоих)
note-reset-unread = { $bytes } { $bytes ->
    [one] полученный байт так и не был прочитан
    [few] полученных байта так и не были прочитаны
   *[many] полученных байт так и не были прочитаны
}: закрытие посылает RST вместо FIN (данные выбрасываются, а следующий вызов другой стороны получит ECONNRESET)
note-reset-linger-zero = SO_LINGER включён с тайм-аутом 0: закрытие посылает RST вместо FIN (аварийное закрытие: здесь нет TIME_WAIT, там — ECONNRESET)
note-lab-peer-down = хост { $host } выключен (кабель выдернут): до него ничего не дошло, и ничего не вернулось
note-lab-own-down = хост { $host } — собственный хост этого сокета — выключен (кабель выдернут): ничего из посланного им его не покинуло
note-lab-link-holding = канал задерживает сегменты (link hold): они ждут там, пока их не доставят, и ядро сдалось раньше
note-unrecorded-handles = { $names } { $count ->
    [one] создан до начала записи: при воспроизведении его не будет
    [few] созданы до начала записи: при воспроизведении их не будет
   *[many] созданы до начала записи: при воспроизведении их не будет
} — урок записывается с начала сеанса
note-unrecorded-host = сокеты сейчас создаются на хосте { $host }, а при воспроизведении — на хосте a, пока не встретится `host { $host }`: наберите эту команду снова, чтобы она попала в запись
note-unrecorded-link-holds = канал сейчас задерживает сегменты, а при воспроизведении — только после `link hold …`: наберите эту команду снова, чтобы она попала в запись

# Подсказка под полученными данными, которые читаются в другой кодировке.

hint-other-reading = в кодировке { $reading }: «{ $text }» — encoding { $encoding }

## ---- end of section words ----


## ---- section help: help pages: commands, errnos, states, options, Python names, topics ----


# Рамка страниц `help VERB`, `help ERRNO`, `help python`, `help options`
# и списка команд (src/command/help.rs).
help-usage = синтаксис: { $usage }
help-call = вызов:     { $call }
help-background = Если закончить строку знаком &, команда выполняется в рабочем потоке, а приглашение возвращается сразу; её результат появится с пометкой [JOB], когда вызов завершится (см. jobs, wait).
help-errnos-you-may-meet = ошибки, которые здесь встречаются:
help-in-python = В Python: socket.{ $method }() — { $note }
help-state-in-capitals = { $state } заглавными буквами — это состояние TCP: help { $state }
help-python-heading = Методы сокета Python в socklab (исключения описаны в docs/python.md):
help-python-no-line = (нет: help NAME объяснит почему)
help-python-translate = Целая программа: socklab translate PROG.py [ARGS] записывает её вызовы сокетов как сценарий socklab.
help-options-heading = опции (имя в C, короткое имя, уровень, что делает):
help-read-only = (только чтение)
help-errno-heading = { $errno } ({ $meaning }): errno { $number }
help-errno-not-met = Команды socklab с этой ошибкой обычно не встречаются.
help-errno-where = где она встречается:
help-errno-why-variants = строка why: уточняет, какой это случай, по самому сокету (его опциям, TCP_INFO) и по лаборатории:
help-group-heading = { $title }:
help-overview-handles = H — имя дескриптора (по умолчанию текущий). Блокирующий вызов со знаком & в конце выполняется в фоне: accept srv &.
help-overview-more = Подробнее: `help VERB`, `help ERRNO` (или номер Windows: `help 10054`), `help TIME_WAIT` (состояние TCP), `help SO_REUSEADDR` (опция), `help options`, `help keepalive`.
help-overview-lessons = Уроки: `lessons` выводит их список (рукопожатие, эхо-серверы, полузакрытие, чаты на UDP, GBK, лаборатория …); `play 01` проигрывает урок прямо здесь, по шагу на каждое нажатие Enter, в отдельной сети — потом этот сеанс продолжается.
help-no-such-topic = справки по «{ $topic }» нет (попробуйте имя команды, errno (ECONNREFUSED, 111), ошибку Windows (10061, WSAECONNREFUSED), состояние TCP (TIME_WAIT), опцию (SO_REUSEADDR), имя из Python (setblocking, ConnectionRefusedError), keepalive, python или options)
help-no-such-topic-near = справки по «{ $topic }» нет — может быть, «{ $near }»? (попробуйте имя команды, errno (ECONNREFUSED, 111), ошибку Windows (10061, WSAECONNREFUSED), состояние TCP (TIME_WAIT), опцию (SO_REUSEADDR), имя из Python (setblocking, ConnectionRefusedError), keepalive, python или options)

# Таблица команд (src/command/*.rs): что делает каждая команда, что ещё
# о ней знать и что значит каждый errno после её вызова.

# Группы списка команд
cmd-group-socket = Сокеты и соединения
cmd-group-data = Отправка и приём
cmd-group-options = Опции и режимы
cmd-group-inspect = Просмотр
cmd-group-background = В фоне (рабочие потоки)
cmd-group-lab = Сетевая лаборатория (socklab --lab): два хоста и канал между ними
cmd-group-session = Сеанс (команды без собственного системного вызова)

# socket
cmd-socket-summary = Создать сокет; он становится новым дескриптором (по умолчанию tcp, как socket.socket() в Python).
cmd-socket-notes = tcp и udp — это AF_INET; tcp6 и udp6 — AF_INET6; unix, unix-dgram и unix-seqpacket — AF_UNIX. Новый дескриптор получает имя NAME или s1, s2, … и становится текущим. Константы Python тоже понимаются: `socket AF_INET SOCK_DGRAM` (и socket.AF_INET).
cmd-socket-errno-EMFILE = у процесса открыто слишком много файлов
cmd-socket-errno-EAFNOSUPPORT = ядро не знает такого семейства адресов (IPv6 отключён?)

# socketpair
cmd-socketpair-summary = Создать два сокета AF_UNIX, уже соединённых друг с другом.
cmd-socketpair-notes = Каждый конец — отдельный дескриптор; что отправит один, то получит другой. socketpair поддерживает только AF_UNIX.
cmd-socketpair-errno-EOPNOTSUPP = socketpair не поддерживает сокеты такого вида

# bind
cmd-bind-summary = Дать сокету локальный адрес; с портом 0 порт выбирает ядро, и результат показывает, какой.
cmd-bind-notes = ADDR — это IP:PORT, [IPv6]:PORT, :PORT (любой адрес), HOST:PORT, /path или @name (AF_UNIX) либо имя другого дескриптора (его адрес: `bind b a` получит EADDRINUSE). Если аргумент один, имя дескриптора считается адресом. Адрес из двух частей, как в Python, тоже подходит: `bind 127.0.0.1 8888` и `bind "" 8899` для любого адреса (как `bind(("", 8899))` в учебниках).
cmd-bind-errno-EADDRINUSE = этот адрес занят другим сокетом: слушающим, или — если не у обоих выставлен SO_REUSEADDR — привязанным сокетом или соединением (в том числе в TIME_WAIT); для AF_UNIX: по этому пути лежит файл (close его не удаляет) или есть сокет с таким @name
cmd-bind-errno-EACCES = для портов ниже 1024 нужны привилегии (root или CAP_NET_BIND_SERVICE)
cmd-bind-errno-EADDRNOTAVAIL = ни у одного интерфейса этой машины нет такого IP-адреса
cmd-bind-errno-EINVAL = сокет уже привязан (или адрес не того семейства)

# listen
cmd-listen-summary = Сделать сокет TCP или потоковый AF_UNIX слушающим, чтобы он принимал соединения (backlog по умолчанию 128).
cmd-listen-notes = backlog ограничивает очередь соединений, которые уже прошли рукопожатие, но ещё не приняты через accept; Linux держит в ней BACKLOG+1. Непривязанный сокет сначала привязывается к свободному порту.
cmd-listen-errno-EADDRINUSE = на этом порту уже слушает другой сокет
cmd-listen-errno-EOPNOTSUPP = сокет такого типа не может слушать (UDP, датаграммный)
cmd-listen-errno-EINVAL = сокет уже соединён

# accept
cmd-accept-summary = Взять из очереди слушающего сокета следующее установленное соединение; оно становится новым дескриптором, вместе с адресом другой стороны.
cmd-accept-notes = Пока очередь пуста, вызов блокируется (Ctrl-C его прерывает; в сценариях время ограничивает --timeout). Новый дескриптор блокирующий, даже если слушающий сокет неблокирующий, — так в Linux.
cmd-accept-errno-EAGAIN = слушающий сокет неблокирующий, а ожидающих соединений нет
cmd-accept-errno-EINVAL = сокет не слушает — сначала вызовите listen
cmd-accept-errno-EINTR = ожидание прервал сигнал: Ctrl-C, тайм-аут socklab или остановка задания socklab
cmd-accept-errno-ECONNABORTED = соединение в очереди было сброшено, прежде чем его приняли

# connect
cmd-connect-summary = Соединиться с ADDR: для TCP — трёхстороннее рукопожатие; для UDP — запомнить другую сторону по умолчанию.
cmd-connect-notes = ADDR может быть именем дескриптора: тогда берётся его локальный адрес (0.0.0.0 превращается в 127.0.0.1; в лаборатории — адрес его хоста, 192.0.2.1 или .2). Если аргумент один, имя дескриптора считается адресом: `connect srv` соединяет текущий дескриптор с srv. Неблокирующий connect для TCP возвращает EINPROGRESS; дождитесь POLLOUT через poll, затем прочитайте SO_ERROR.
cmd-connect-errno-ECONNREFUSED = там никто не слушает: другая сторона ответила на SYN сегментом RST (для UDP — ICMP port unreachable)
cmd-connect-errno-EINPROGRESS = неблокирующий сокет: рукопожатие началось; дождитесь POLLOUT через poll, затем getsockopt SO_ERROR
cmd-connect-errno-EALREADY = неблокирующий connect ещё не завершился
cmd-connect-errno-EISCONN = сокет уже соединён
cmd-connect-errno-ETIMEDOUT = на SYN никто не ответил: ядро посылало его снова и снова и сдалось — сколько ждать, решает net.ipv4.tcp_syn_retries (или TCP_SYNCNT на сокете)
cmd-connect-errno-ENOENT = AF_UNIX: по этому пути нет файла сокета
cmd-connect-errno-EINTR = ожидание прервал сигнал; рукопожатие продолжается в фоне

# shutdown
cmd-shutdown-summary = Закрыть одно направление соединения: `write` посылает FIN (полузакрытие), а чтение продолжается.
cmd-shutdown-notes = После `shutdown write` другая сторона, прочитав всё, что пришло раньше, получит EOF (recv = 0) и может продолжать отправлять: эта сторона по-прежнему принимает. Отправка отсюда теперь завершится ошибкой EPIPE. `shutdown read` в Linux ничего не посылает по сети, и другая сторона об этом не узнаёт: recv возвращает 0, пока очередь пуста, но данные, пришедшие позже, всё равно принимаются, ставятся в очередь и отдаются recv (урок 20).
cmd-shutdown-errno-ENOTCONN = сокет не соединён
cmd-shutdown-errno-EINVAL = такого направления нет

# close
cmd-close-summary = Закрыть сокет; дескриптор уходит из таблицы. Соединение TCP посылает FIN (или RST).
cmd-close-notes = Ядро может держать соединение и после того, как fd закрыт: FIN_WAIT1/2 до FIN другой стороны, затем TIME_WAIT на 60 с; socklab показывает его как `H (no fd)` до самого конца — под прежним именем H, даже когда это имя получит новый дескриптор, — и каждый переход в момент, когда он происходит (он смотрит в таблицу сокетов ядра: sock_diag, иначе /proc/net/tcp). Непрочитанные принятые данные или SO_LINGER 0 заставляют close послать RST вместо FIN. Фоновое задание или наблюдатель, использующие дескриптор, сначала останавливаются (их вызов возвращает EINTR): в Linux один close(2) не разбудил бы поток, заблокированный на этом fd.
cmd-close-errno-EBADF = fd не был открыт

# send
cmd-send-summary = Один раз отправить DATA; возвращённое значение показывает, сколько байт взяло ядро, — их может оказаться меньше.
cmd-send-notes = DATA — это слово, "текст в кавычках" с escape-последовательностями C (\n \r \t \0 \\ \" \xNN) или x"48 69" в шестнадцатеричном виде; "ab"*1000 повторяет его. Данные, совпадающие с именем дескриптора, берите в кавычки. $NAME — байты, которые приём сохранил под именем NAME (`data = recv conn 1024`, затем `send conn $data` отправляет их обратно в точности); части соединяются через ` + `: `send conn "got: " + $data`. "$data" в кавычках — это просто текст.
cmd-send-errno-EPIPE = эта сторона не может отправлять: она не соединялась (Linux даёт сокету TCP здесь EPIPE, а не ENOTCONN), сделала `shutdown write` или другая сторона сбросила соединение (socklab игнорирует SIGPIPE, поэтому вы видите EPIPE)
cmd-send-errno-ECONNRESET = другая сторона ответила RST: она закрыла сокет с непрочитанными данными, или с SO_LINGER 0, или больше не знает этого соединения (её хост перезапустился)
cmd-send-errno-ETIMEDOUT = ядро отказалось от соединения: отправленные данные остались без подтверждения (net.ipv4.tcp_retries2), пробы keepalive остались без ответа или истёк TCP_USER_TIMEOUT — help ETIMEDOUT помогает их различить
cmd-send-errno-EAGAIN = сокет неблокирующий (или MSG_DONTWAIT), а буфер отправки полон: другая сторона не читает
cmd-send-errno-ENOTCONN = потоковый сокет AF_UNIX не соединён (сокет TCP получил бы вместо этого EPIPE)
cmd-send-errno-EDESTADDRREQ = у датаграммного сокета не задана другая сторона: используйте sendto
cmd-send-errno-ECONNREFUSED = соединённый UDP: на одну из прежних датаграмм пришёл ICMP port unreachable (там никто не слушает)
cmd-send-errno-EMSGSIZE = датаграмма больше, чем допускает сокет

# sendall
cmd-sendall-summary = Вызывать send, пока не уйдёт весь DATA, как это делает sendall в Python; показывает, сколько понадобилось вызовов.
cmd-sendall-notes = Каждый send может взять только часть (окно другой стороны заполнено или буфер этого сокета полон); цикл отправляет остаток. На неблокирующем сокете он останавливается на первом EAGAIN. DATA — как у send: `sendall conn $data` возвращает эхом то, что сохранил `data = recv conn 1024`.
cmd-sendall-errno-EPIPE = эта сторона не может отправлять: она не соединялась (Linux даёт сокету TCP здесь EPIPE, а не ENOTCONN), сделала `shutdown write` или другая сторона сбросила соединение (socklab игнорирует SIGPIPE, поэтому вы видите EPIPE)
cmd-sendall-errno-ECONNRESET = другая сторона ответила RST: она закрыла сокет с непрочитанными данными, или с SO_LINGER 0, или больше не знает этого соединения (её хост перезапустился)
cmd-sendall-errno-ETIMEDOUT = ядро отказалось от соединения: отправленные данные остались без подтверждения (net.ipv4.tcp_retries2), пробы keepalive остались без ответа или истёк TCP_USER_TIMEOUT — help ETIMEDOUT помогает их различить
cmd-sendall-errno-EAGAIN = сокет неблокирующий (или MSG_DONTWAIT), а буфер отправки полон: другая сторона не читает
cmd-sendall-errno-ENOTCONN = потоковый сокет AF_UNIX не соединён (сокет TCP получил бы вместо этого EPIPE)
cmd-sendall-errno-EDESTADDRREQ = у датаграммного сокета не задана другая сторона: используйте sendto
cmd-sendall-errno-ECONNREFUSED = соединённый UDP: на одну из прежних датаграмм пришёл ICMP port unreachable (там никто не слушает)
cmd-sendall-errno-EMSGSIZE = датаграмма больше, чем допускает сокет

# sendto
cmd-sendto-summary = Отправить одну датаграмму на ADDR (UDP, unix-dgram); соединение не нужно.
cmd-sendto-notes = ADDR может быть именем дескриптора: `sendto u2 u1 hi` отправляет с u2 на адрес u1 (неуказанный 0.0.0.0 превращается в 127.0.0.1; в лаборатории — адрес хоста u1). Как и у bind и connect, адрес из двух частей в духе Python тоже подходит: `sendto u 127.0.0.1 8888 hi`.
cmd-sendto-errno-ECONNREFUSED = на одну из прежних датаграмм пришёл ICMP port unreachable (соединённый UDP)
cmd-sendto-errno-EMSGSIZE = датаграмма больше, чем допускает сокет
cmd-sendto-errno-EISCONN = соединённому потоковому сокету AF_UNIX передали адрес (соединённый сокет TCP его просто игнорирует)
cmd-sendto-errno-EAGAIN = сокет неблокирующий, а места нет: полон буфер отправки или очередь получателя unix-датаграмм
cmd-sendto-errno-EACCES = отправка на широковещательный адрес без SO_BROADCAST

# recv
cmd-recv-summary = Один раз принять не больше N байт (по умолчанию 1024): от 0 до N. 0 значит, что другая сторона прекратила отправку (EOF).
cmd-recv-notes = У TCP нет границ сообщений: один recv может вернуть часть одного send или несколько send вместе. `peek` оставляет данные в очереди; `waitall` ждёт все N байт (если не придёт EOF или сигнал); `trunc` для датаграммы возвращает её настоящую длину. N — не больше 16 МиБ. `data = recv H N` сохраняет полученные байты как `$data`, и потом DATA отправляет их обратно в точности (`sendall H $data`).
cmd-recv-errno-EAGAIN = читать пока нечего: сокет неблокирующий (или MSG_DONTWAIT) либо истёк SO_RCVTIMEO
cmd-recv-errno-ECONNRESET = другая сторона сбросила соединение (RST): она закрыла сокет с непрочитанными данными, или с SO_LINGER 0, или больше не знает этого соединения (её хост перезапустился)
cmd-recv-errno-ENOTCONN = сокет TCP не соединён
cmd-recv-errno-ETIMEDOUT = ядро отказалось от соединения: отправленные данные остались без подтверждения (net.ipv4.tcp_retries2), пробы keepalive остались без ответа или истёк TCP_USER_TIMEOUT — help ETIMEDOUT помогает их различить
cmd-recv-errno-EINTR = ожидание прервал сигнал: Ctrl-C, тайм-аут socklab или остановка задания socklab

# recvfrom
cmd-recvfrom-summary = Принять одну датаграмму (не больше N байт, по умолчанию 1024) и адрес, откуда она пришла.
cmd-recvfrom-notes = Датаграмма длиннее N обрезается до N, остальное теряется; с `trunc` возвращается её настоящая длина. Границы сохраняются: один recvfrom — одна датаграмма. `data = recvfrom H N` сохраняет байты датаграммы как `$data` (`sendto H ADDR $data` отправляет их обратно).
cmd-recvfrom-errno-EAGAIN = сокет неблокирующий (или MSG_DONTWAIT), а датаграмм в очереди нет
cmd-recvfrom-errno-ECONNREFUSED = соединённый UDP: на одну из прежних датаграмм пришёл ICMP port unreachable
cmd-recvfrom-errno-EINTR = ожидание прервал сигнал: Ctrl-C, тайм-аут socklab или остановка задания socklab

# recvall
cmd-recvall-summary = Вызывать recv, пока не придут ровно N байт или другая сторона не закроет соединение: цикл из учебников, читающий сообщение известной длины; показывает, сколько понадобилось вызовов и что вернул каждый.
cmd-recvall-notes = Один recv возвращает от 1 байта до запрошенного числа, поэтому программа, которая знает длину сообщения, читает в цикле. EOF (recv вернул 0) раньше N байт — это «socket connection broken» из учебников: recvall останавливается и сообщает, сколько байт пришло. На неблокирующем сокете он останавливается на первом EAGAIN. N — не больше 16 МиБ. `data = recvall H N` сохраняет байты как `$data`, как и recv.
cmd-recvall-errno-EAGAIN = сокет неблокирующий, и пока пришли только эти байты
cmd-recvall-errno-ECONNRESET = другая сторона сбросила соединение (RST), прежде чем пришли все N байт
cmd-recvall-errno-ENOTCONN = сокет TCP не соединён

# drain
cmd-drain-summary = Вызывать recv до EOF (другая сторона закрыла соединение или прекратила отправку): сообщает, сколько байт пришло, за сколько вызовов и за какое время, но не показывает сами байты — так принимают большую передачу.
cmd-drain-notes = Каждый вызов просит до 256 КиБ. На неблокирующем сокете он останавливается на первом EAGAIN; ошибка (ECONNRESET, тайм-аут) завершает его, и он сообщает, сколько пришло до неё.
cmd-drain-errno-EAGAIN = сокет неблокирующий, и пока пришли только эти байты
cmd-drain-errno-ECONNRESET = другая сторона сбросила соединение (RST) раньше, чем закрыла его
cmd-drain-errno-ENOTCONN = сокет TCP не соединён

# setsockopt
cmd-setsockopt-summary = Установить опцию сокета: логические принимают on/off/1/0, размеры — число, времена — длительность (TCP_USER_TIMEOUT 3s, TCP_KEEPIDLE 5s, SO_RCVTIMEO 1.5s) или просто число в единицах ядра.
cmd-setsockopt-notes = Опции — из таблицы (help options; help SO_REUSEADDR объяснит, что делает опция и какой урок её показывает), по имени в C или короткому имени (reuseaddr, rcvbuf, …). Длительность переводится в единицы ядра, и вызов это показывает (TCP_USER_TIMEOUT 3s: 3000); если она не кратна этой единице, она отвергается (TCP_KEEPIDLE 1.5s). Прочитайте обратно через getsockopt: Linux удваивает SO_RCVBUF и SO_SNDBUF. Уровень можно указать, как в Python и C (setsockopt SOL_SOCKET SO_REUSEADDR 1); он сверяется с уровнем опции.
cmd-setsockopt-errno-ENOPROTOOPT = эта опция не относится к сокетам такого вида (например, опция TCP на UDP)
cmd-setsockopt-errno-EINVAL = значение вне допустимого для этой опции диапазона

# getsockopt
cmd-getsockopt-summary = Прочитать опцию сокета в том виде, в каком её сообщает ядро (SO_RCVBUF 4096 в Linux читается как 8192).
cmd-getsockopt-notes = А также опции только для чтения: SO_ERROR (чтение её сбрасывает), SO_TYPE и SO_ACCEPTCONN.
cmd-getsockopt-errno-EOPNOTSUPP = эта опция не относится к сокетам такого вида (опция TCP на UDP, опция IPv6 на IPv4)

# nonblock
cmd-nonblock-summary = Сделать так, чтобы вызовы на сокете не ждали, а возвращали EAGAIN (у connect — EINPROGRESS).
cmd-nonblock-notes = socklab одним вызовом F_SETFL выставляет флаги состояния файла ровно в O_NONBLOCK или 0 (других флагов состояния, которые стоило бы сохранить, у сокета нет).
cmd-nonblock-errno-EBADF = fd не открыт

# getsockname
cmd-getsockname-summary = Локальный адрес сокета: после bind, connect или accept — используемые адрес и порт.
cmd-getsockname-notes = Непривязанный сокет показывает 0.0.0.0:0; после connect — эфемерный порт, который выбрало ядро.
cmd-getsockname-errno-EBADF = fd не открыт

# getpeername
cmd-getpeername-summary = Адрес другой стороны соединения.
cmd-getpeername-notes = Перестаёт работать, как только соединение полностью закрыто.
cmd-getpeername-errno-ENOTCONN = сокет не соединён (или уже не соединён)

# poll
cmd-poll-summary = Какие дескрипторы готовы: POLLIN (есть данные или EOF для чтения), POLLOUT (есть место для отправки), POLLRDHUP (другая сторона прекратила отправку), POLLHUP, POLLERR.
cmd-poll-notes = Спрашивает POLLIN|POLLPRI|POLLOUT|POLLRDHUP для каждого дескриптора (по умолчанию текущего). TIMEOUT_MS по умолчанию 0 (посмотреть, не ждать); -1 ждёт, пока что-нибудь не будет готово.
cmd-poll-errno-EINTR = ожидание прервал сигнал: Ctrl-C, тайм-аут socklab или остановка задания socklab

# ioctl
cmd-ioctl-summary = FIONREAD: сколько байт принято и ждёт чтения. SIOCOUTQ: сколько байт отправлено, но ещё не подтверждено другой стороной.
cmd-ioctl-notes = Вместе они показывают, где застряли байты остановившейся передачи: в очереди отправки этой стороны или в очереди приёма другой.
cmd-ioctl-errno-EINVAL = сокет слушающий, или запрос к нему неприменим

# tcpinfo
cmd-tcpinfo-summary = Соединение глазами ядра: состояние, время кругового обхода (RTT), окно перегрузки, неподтверждённые сегменты, повторные передачи.
cmd-tcpinfo-notes = Времена — в микросекундах. unacked считает сегменты, отправленные, но не подтверждённые.
cmd-tcpinfo-errno-EOPNOTSUPP = это не сокет TCP

# sample
cmd-sample-summary = Читать TCP_INFO каждые D в течение D (по умолчанию каждые 100ms в течение 2s) и показать таблицу: время, состояние, cwnd, ssthresh, rtt, rttvar, rto, байты в пути, повторные передачи, скорость доставки — таймеры TCP и управление перегрузкой в действии. save записывает замеры в CSV или рисует SVG-график запрошенных полей во времени — по панели на каждую единицу измерения, с отметками повторных передач на каждой, — с заголовком из соединения и его алгоритма управления перегрузкой (TCP_CONGESTION).
cmd-sample-notes = Поля FIELD выбирают столбцы таблицы: state cwnd ssthresh rtt rttvar rto inflight retrans rate (по умолчанию все; time всегда), а по запросу ещё unacked pacing. cwnd, ssthresh и unacked — в сегментах (ssthresh равен -, пока у медленного старта нет предела), времена — в мс, inflight — в байтах (сегменты в пути × MSS), rate — скорость доставки по оценке ядра, pacing — скорость пейсинга, обе в Мбит/с. Запускайте в фоне (sample cli every 50ms for 3s &), пока передача идёт на переднем плане. every — от 1ms до 10s, всего не дольше 10 минут. Урок не может сохранять файлы; save не перезаписывает существующий файл без --force.

# await
cmd-await-summary = Ждать, пока дескриптор не придёт в состояние TCP (например, FIN_WAIT2 после отложенного ACK другой стороны) или не станет доступен для чтения/записи; по истечении TIMEOUT (по умолчанию 2s) — ошибка.
cmd-await-notes = Некоторые переходы совершают таймеры ядра, а не вызовы: FIN_WAIT1 → FIN_WAIT2 ждёт отложенного ACK другой стороны (в Linux около 40 мс). `await cli FIN_WAIT2` делает такой момент определённым, без угадывания паузы. TIMEOUT записывается как 500ms или 2s. Состояние относится к соединению: там, где оно живёт без fd (после `close` или TIME_WAIT за сокетом в CLOSE, когда оба конца сделали shutdown), await следит за соединением в ядре и сообщает об этом: `cli's connection is TIME_WAIT (held by the kernel, no fd); the socket is CLOSE`. Когда включён показ трафика (wire), `await wire` ждёт следующего сегмента от сокетов сеанса — того, что посылает таймер: отложенного ACK, повторной передачи, пробы keepalive, пробы окна — и показывает его под шагом. В лаборатории `await link` ждёт, пока следующий сегмент дойдёт до канала.

# ls
cmd-ls-summary = Перечислить дескрипторы: имя, fd, вид, локальный адрес, другая сторона, состояние TCP, байты в очередях приёма и отправки, флаги; затем имена данных ($data), сохранённые приёмом.
cmd-ls-notes = RECV-Q — это FIONREAD (байты, ждущие чтения), SEND-Q — SIOCOUTQ (байты, ещё не подтверждённые). Флаги: nonblock, shut-rd, shut-wr. `*` отмечает текущий дескриптор. Сокеты TCP и UDP программы, запущенной через spawn, тоже перечислены, под именами PROGRAM.FD (srv.3), только для чтения: они принадлежат ей, а не socklab.

# wire
cmd-wire-summary = Показывать под каждым шагом сегменты TCP и датаграммы UDP, которые он отправил по петлевому интерфейсу (on), или по строке на направление для массовой передачи (summary: сегменты, байты, диапазон номеров, повторные передачи); перестать (off); записать показанное в файл pcap для Wireshark или tshark (save FILE); или нарисовать график время-последовательность соединения (graph: номер последовательности во времени, линии ACK и окна, блоки SACK, повторные передачи и потери).
cmd-wire-notes = Концы названы по дескрипторам; номера последовательности отсчитываются от SYN каждой стороны, как их показывают tcpdump и Wireshark. Сегменты, пришедшие между шагами (отложенный ACK, FIN другой стороны), помечены `(+43 ms, between steps)`: они показываются сразу, пока socklab ждёт строку, иначе — со следующим шагом; то, что пришло заметно позже начала вызова, помечено `(+100 ms)`. Пакетному сокету нужен CAP_NET_RAW: запускайте от root или socklab --sandbox. `socklab --wire` включает его с самого начала. `wire save` никогда не идёт по символической ссылке и не заменяет файл без --force; урок (socklab test, play) вообще не может сохранять. В лаборатории записывается каждый кадр, дошедший до канала (последние 4 МиБ), по одному разу, в порядке прихода; от кадра, который переслало само ядро, хранятся первые 192 байта, а его полная длина записывается. `wire graph` рисует по этим кадрам соединение H (по умолчанию текущего дескриптора) в одну сторону: в ту, по которой шло больше данных, или сторону отправки (send) или приёма (recv) H; см. docs/wire.md.
cmd-wire-errno-EPERM = нет CAP_NET_RAW: запускайте от root или в socklab --sandbox

# watch
cmd-watch-summary = Непрерывно принимать на H в отдельном потоке — recv N (по умолчанию 1024) в цикле — и показывать каждый результат, как только он приходит: данные, EOF, ошибки вроде ECONNRESET и смены состояния.
cmd-watch-notes = Это принимающий поток из программ-чатов в учебниках: пока работает `watch conn`, набирайте `send conn ...`, и сообщения другой стороны появляются по мере прихода. На потоковом сокете наблюдатель останавливается на EOF (recv = 0) или ошибке; на датаграммном он вызывает recvfrom и показывает каждого отправителя (и пустую датаграмму тоже), а останавливается, когда сокет закрыт на чтение. `unwatch H` останавливает его; так же действуют `close H` и quit.
cmd-watch-errno-ECONNRESET = другая сторона сбросила соединение (RST): наблюдатель останавливается
cmd-watch-errno-EAGAIN = H неблокирующий: наблюдатель останавливается (сделайте его блокирующим: nonblock H off)

# unwatch
cmd-unwatch-summary = Перестать наблюдать за H: recv его принимающего потока прерывается (EINTR), и поток завершается.
cmd-unwatch-notes = Ещё не принятые данные остаются в сокете до следующего recv.

# jobs
cmd-jobs-summary = Перечислить фоновые задания (`CMD &`) и наблюдателей: что выполняет каждый и заблокирован ли он в своём вызове; затем программы, запущенные через spawn.
cmd-jobs-notes = «Заблокирован» значит, что поток спит внутри системного вызова и ждёт ядро (по данным /proc/self/task). Завершённое задание остаётся в списке, пока его результат не показан.

# wait
cmd-wait-summary = Блокироваться, пока не завершится фоновое задание JOB (наблюдатель — пока не остановится), и показать его результат; или пока не завершится программа, запущенная через spawn под именем NAME, и показать её вывод; без аргументов — пока не завершатся все фоновые вызовы.
cmd-wait-notes = Ctrl-C прерывает ожидание, а не задание. В сценариях время ограничивает --timeout. Результаты заданий в сценариях и транскриптах показываются на ближайшей границе шагов, а в оболочке — сразу над приглашением; wait — способ указать в сценарии, где именно.

# spawn
cmd-spawn-summary = Запустить программу (свой сервер или клиент) в сети socklab — в песочнице или на хосте HOST лаборатории — и показывать между шагами то, что она пишет, с пометкой NAME│.
cmd-spawn-notes = Она работает с вашими правами (никогда не больше: set-uid ничего не даёт), в собственной группе процессов, stdin из /dev/null, stdout и stderr — в socklab (Python без буферизации: PYTHONUNBUFFERED=1). NAME по умолчанию — имя программы (py для python3). Её завершение показывается (py exited 0); jobs её перечисляет, wait NAME ждёт её, kill NAME останавливает, а при выходе из socklab она убивается. В уроках нельзя: урок — это данные.

# kill
cmd-kill-summary = Послать сигнал SIGNAL (SIGTERM, если не указан) программе, запущенной через spawn под именем NAME, и её группе процессов.
cmd-kill-notes = Её завершение показывается, когда наступает (py killed by SIGTERM); программа может перехватить SIGTERM, но никогда SIGKILL.

# link
cmd-link-summary = Показать канал лаборатории (режим, свойства, счётчики по направлениям, все задержанные сегменты с номерами); заставить его задерживать каждый сегмент, пока вы его не доставите или не отбросите (hold), или пропускать их (pass, по умолчанию); или дать ему свойства настоящего пути: задержку с разбросом, потери, дублирование, искажение, переупорядочивание, скорость с очередью.
cmd-link-notes = Без направления — оба. Задержанные сегменты нумеруются #1, #2, … в порядке прихода; с ними работают `deliver` и `drop`. Свойства: `delay 50ms jitter 5ms`, `loss 2%`, `dup 1%`, `corrupt 1%`, `reorder 5%` (сегмент задерживается за следующим), `rate 10mbit` (bit, kbit, mbit, gbit) с `queue 64` пакетов (когда очередь полна, отбрасывается хвост; по умолчанию 1000), `clear` (снова без свойств). `link seed N` делает каждый случайный выбор из N, так что прогон с потерями каждый раз теряет одни и те же сегменты. Ручное управление и свойства сочетаются: задержанный сегмент ждёт вас, а потом идёт прямо на другую сторону.

# deliver
cmd-deliver-summary = Доставить задержанные сегменты: первые N по порядку (по умолчанию 1), все или только #K (не по порядку: переупорядочивание вручную); SELECTOR выбирает по виду сегмента: a->b, b->a, SYN, FIN, RST, SYN,ACK, ACK (чистый ACK), data, udp, tcp.
cmd-deliver-notes = То, что доставленный сегмент вызывает на другом хосте (его ответ, смену состояния), показывается под этим шагом. Сегмент, который отправитель послал повторно, пока он был задержан, — это одна запись (`link` показывает, сколько раз и когда): `deliver` передаёт его самую новую копию, `deliver #K copies` — все копии в порядке отправки, как сделала бы сеть, которая их только задержала. Копии уже доставленного сегмента тоже ждут под его номером; передаёт их только `deliver #K`.

# drop
cmd-drop-summary = Выбросить задержанные сегменты (первые N, все, #K или выбранные SELECTOR: a->b, b->a, SYN, FIN, RST, SYN,ACK, ACK, data, udp, tcp) или следующий сегмент, который войдёт в канал (в этом направлении или в любом).
cmd-drop-notes = Задержанная запись уходит вместе со всеми своими копиями. Отброшенный сегмент TCP ядро отправителя передаёт повторно по истечении RTO, уже новой записью; отброшенная датаграмма UDP просто пропадает. `drop all` выбрасывает и копии уже доставленных сегментов.

# dup
cmd-dup-summary = Доставить следующий сегмент, который войдёт в канал, дважды.
cmd-dup-notes = TCP отбрасывает копию (эти номера последовательности уже были); UDP доставляет обе.

# corrupt
cmd-corrupt-summary = Инвертировать один бит следующего сегмента, который войдёт в канал, не меняя контрольную сумму: ядро получателя его отбросит.
cmd-corrupt-notes = Отправитель не получает ответа и после RTO передаёт повторно: данные приходят целыми.

# host
cmd-host-summary = Создавать сокеты дальше на хосте a или b лаборатории (socket … @HOST указывает это для одного сокета); или выдернуть его кабель (down), вставить обратно (up) или уронить его: все сокеты и всё состояние TCP теряются, а в сеть об этом не уходит ни одного сегмента, и хост сразу возвращается пустым; или заставить его откладывать ACK, как делают обычные хосты (delayed-ack on; хосты лаборатории подтверждают сразу, если не сказано иначе).
cmd-host-notes = У хоста a адреса 192.0.2.1 и 2001:db8::1, у хоста b — 192.0.2.2 и 2001:db8::2; в адресах a и b их заменяют: bind srv b:80, connect cli b:80.

# sysctl
cmd-sysctl-summary = Прочитать или установить параметр TCP или IP на одном хосте лаборатории (net.ipv4.tcp_syn_retries, tcp_retries2, tcp_fin_timeout, tcp_keepalive_time, tcp_sack, tcp_timestamps, tcp_congestion_control …).
cmd-sysctl-notes = Только параметры отдельного хоста из списка ниже, каждый в своём диапазоне: любое другое имя отвергается, потому что может подействовать на всю машину. Несколько чисел пишутся через запятую: net.ipv4.tcp_rmem=4096,131072,6291456. После установки показывается значение на хосте.

# use
cmd-use-summary = Сделать H текущим дескриптором: команды без дескриптора действуют на него.
cmd-use-notes = Текущим становится также последний созданный, принятый или названный в команде дескриптор; приглашение показывает его.

# encoding
cmd-encoding-summary = Перейти на кодировку текста, которой пользуется другая сторона: набранный текст отправляется в ней, а принятые байты в ней же показываются (utf-8, gbk, gb18030, big5, shift_jis, euc-kr, windows-1251, koi8-r, latin1 …); без NAME — сказать, какая используется.
cmd-encoding-notes = Китайские учебники отправляют data.encode('gbk'): `encoding gbk` заставляет `send 你好` отправить те же байты и показывает как текст то, что принимают их программы. x"…" и \xNN — всегда сырые байты. Данные, которые не являются текстом в этой кодировке, показываются как байты, каждый байт от 0x80 — как \xNN (так Python печатает bytes), а строка под ними называет другую кодировку, в которой они читаются (as GBK: “你好” — encoding gbk). `socklab run --encoding gbk FILE` читает сценарий, сохранённый в GBK. `socklab --encoding NAME` и `#! encoding: NAME` в транскрипте задают её с самого начала.

# help
cmd-help-summary = Список команд; `help VERB` — об одной (её вызов, ошибки, которые встречаются); `help ECONNREFUSED` — об errno (`help 10061`, `help WSAECONNREFUSED`: ошибки Windows ведут к своим двойникам из POSIX); `help TIME_WAIT` — о состоянии TCP; `help SO_REUSEADDR` — об опции сокета (`help options` перечисляет их); `help keepalive`.

# lessons
cmd-lessons-summary = Перечислить встроенные уроки по группам, у каждого — название и что ему нужно; `play NAME` проигрывает урок.
cmd-lessons-notes = Тот же список, что выводит `socklab lessons`.

# play
cmd-play-summary = Проиграть урок здесь (`play 01`, `play half-close` или файл транскрипта): его пояснения и команды, по шагу на каждое нажатие Enter; потом этот сеанс продолжается.
cmd-play-notes = Урок идёт так же, как в `socklab play`: в своём процессе и своей частной сети, так что дескрипторы, адреса и порты этого сеанса не затрагиваются, а урок с ними никогда не встречается. Клавиши: Enter — дальше, a — дальше без остановок, q — выйти, Ctrl-C — остановить. `lessons` перечисляет уроки. Только в оболочке; из сценария вместо этого запускают `socklab play NAME`.

# source
cmd-source-summary = Выполнить строки файла FILE в этом сеансе, как если бы их набрали.
cmd-source-notes = Перед выводом каждая строка повторяется как `> LINE`. Файл может вызвать source для другого, до 16 уровней вложенности.

# record
cmd-record-summary = Записывать остаток сеанса как транскрипт в FILE (`record off` останавливает запись); `socklab test FILE` воспроизводит его.
cmd-record-notes = Каждая строка и её вывод дописываются по мере выполнения; эфемерные порты и fd получают имена [PORT1], [FD1], …, а числа, которые измеряет ядро (rtt_us, rto_us, snd_cwnd … из tcpinfo), записываются как [..]; цвет опускается. Файл начинается с директив, нужных для воспроизведения: #! lab в лаборатории, кодировка сеанса и тайм-аут.

# diagram
cmd-diagram-summary = Сохранить сеанс до этого момента в виде лестничной диаграммы: по стрелке на сегмент, состояния каждого конца, вызовы слева (svg для слайдов, html — страница для печати, txt для терминала, mmd — mermaid для GitHub).
cmd-diagram-notes = Рисует то, что показывал wire с момента включения (wire on, wire ladder или лаборатория); разрыв с отметкой времени показывает то, что пришло позже (таймер, отложенный ACK). `socklab diagram FILE.socklab` так же рисует транскрипт. Никогда не заменяет файл без --force; урок (socklab test, play) вообще не может сохранять.

# export
cmd-export-summary = Записать сеанс до этого момента в виде вашей собственной программы: на Python (только стандартная библиотека) или C (POSIX), по вызову на строку, с исходной строкой в комментарии, и каждый результат сверяется с тем, что показал socklab.
cmd-export-notes = errno становится исключением, которое Python для него выбрасывает (ECONNREFUSED: except ConnectionRefusedError); фоновые вызовы и watch — потоки; await превращается в poll или в ограниченную по времени проверку состояния TCP; шаги лаборатории и то, что socklab лишь показывает (ls, jobs, wire …), остаются комментариями с пометкой. Если результат отличается, программа завершается с кодом 1. `socklab export LESSON|FILE --to python|c` делает то же для транскрипта. Никогда не заменяет файл без --force; урок (socklab test, play) не может его записать.

# clear
cmd-clear-summary = Очистить экран (в оболочке, в терминале; в остальных случаях ничего не делает).
cmd-clear-notes = Ctrl-L во время набора делает то же самое.

# quit
cmd-quit-summary = Закрыть все дескрипторы и выйти (Ctrl-D делает то же самое).
cmd-quit-notes = Закрытие посылает FIN (или RST) по каждому открытому соединению, как это сделал бы выход процесса.

# exit
cmd-exit-summary = То же, что quit.
cmd-lang-summary = С этого момента объяснять по-английски, по-русски или на упрощённом китайском; без языка — сказать, какой используется сейчас.
cmd-lang-notes = Имена остаются именами на любом языке: системные вызовы, errno, состояния TCP, флаги, опции, дескрипторы и команды, которые вы набираете. Вывод JSON и записанные транскрипты остаются на английском. `socklab --lang ru` или русская либо китайская локаль (LANG=ru_RU.UTF-8, zh_CN.GBK …) выбирает язык с самого начала.

## ---- end of section help ----


## ---- section topics: help topics, Python names, Windows error numbers, errno meanings ----

# Состояния TCP (`help TIME_WAIT`): topic-state-СОСТОЯНИЕ. Имена состояний,
# вызовов, errno, опций и команды socklab остаются как есть.
topic-heading-state = { $state } — состояние TCP
topic-heading-state-aliases = { $state } — состояние TCP (пишут также { $aliases })
topic-state-LISTEN = Слушающий сокет (после listen): своего соединения у него нет. Ядро отвечает за него на SYN и ставит завершённые рукопожатия в очередь, откуда их забирает accept; длину очереди ограничивает backlog (listen H N, но не больше net.core.somaxconn).
topic-state-SYN_SENT = connect отправил SYN и ждёт SYN+ACK. Блокирующий connect спит в этом состоянии; неблокирующий возвращает EINPROGRESS, и сокет остаётся в SYN_SENT, пока не придёт ответ или не кончатся повторы SYN (net.ipv4.tcp_syn_retries): тогда ETIMEDOUT. Неблокирующий send в это время завершается с EAGAIN.
topic-state-SYN_RECV = Полуоткрытое соединение: SYN пришёл, SYN+ACK ушёл, последнего ACK ещё нет. Слушающий сокет хранит такое соединение как маленький запрос (в ядре — NEW_SYN_RECV), а не как сокет с fd: socklab показывает его под слушающим сокетом (srv (half-open from …)). SYN+ACK отправляется повторно (net.ipv4.tcp_synack_retries), пока не придёт ACK. При одновременном открытии через это состояние проходят оба сокета, вызвавшие connect.
topic-state-ESTABLISHED = Рукопожатие завершено, данные идут в обе стороны. connect возвращается, когда соединение уже в этом состоянии; accept выдаёт соединения, которые уже в нём (ядро завершило рукопожатие ещё до вызова accept).
topic-state-FIN_WAIT1 = Эта сторона закрыла соединение (close или shutdown write) и отправила свой FIN; теперь она ждёт ACK на него. Обычно это состояние сразу проходит, потому что другая сторона подтверждает FIN сразу, — если только ACK не отложен или его не задерживает канал.
topic-state-FIN_WAIT2 = FIN этой стороны подтверждён; она ждёт FIN другой стороны и пока ещё может получать данные (полузакрытие). Если другая сторона так и не закроет соединение, FIN_WAIT2 закрытого сокета закончится через net.ipv4.tcp_fin_timeout (60 с).
topic-state-CLOSE_WAIT = Другая сторона прислала FIN (recv возвращает 0: EOF); эта сторона ещё не закрылась и может отправлять дальше. Соединение остаётся здесь, пока программа не вызовет close (или shutdown write): программа, которая забывает это сделать, копит сокеты в CLOSE_WAIT.
topic-state-CLOSING = Одновременное закрытие: обе стороны отправили FIN, и каждая получила FIN другой стороны раньше, чем ACK на свой. Каждая ждёт этот ACK и затем переходит в TIME_WAIT.
topic-state-LAST_ACK = Сторона, закрывшая соединение второй, отправила свой FIN и ждёт последнего ACK; после него соединения больше нет (TIME_WAIT остаётся другой стороне).
topic-state-TIME_WAIT = Сторона, закрывшая соединение первой, после FIN другой стороны: ядро держит соединение 60 с (в Linux это время не меняется), чтобы ещё раз подтвердить тот FIN, если ACK потерялся, и чтобы запоздавшие сегменты не приняли за сегменты нового соединения. Сам сокет уже закрыт или в состоянии CLOSE: socklab показывает соединение как H (no fd). Без SO_REUSEADDR bind на его порт завершается с EADDRINUSE.
topic-state-CLOSE = Соединения нет (RFC 793 и учебники пишут CLOSED, Linux — CLOSE): новый сокет; сокет, чьё соединение сброшено или закончилось по тайм-ауту; или сокет, чьё соединение живёт дальше без него (TIME_WAIT после shutdown и FIN другой стороны).

# `help keepalive`.
topic-heading-keepalive = keepalive — TCP keepalive (SO_KEEPALIVE и три его настройки)
topic-keepalive = Простаивающее соединение ничего не отправляет, поэтому пропажу другой стороны (сбой, выдернутый кабель) можно не заметить никогда. Если включён SO_KEEPALIVE, ядро после TCP_KEEPIDLE тишины посылает keepalive-пробу, затем ещё по одной каждые TCP_KEEPINTVL; если TCP_KEEPCNT проб остались без ответа, ядро отказывается от соединения: CLOSE, и следующий вызов завершается с ETIMEDOUT. Другая сторона, которая успела перезапуститься, отвечает вместо этого RST (ECONNRESET).

# Опции сокета (`help SO_REUSEADDR`): topic-option-ОПЦИЯ; для опции, которую
# не показывает ни один урок, — что попробовать (topic-try-ОПЦИЯ: команды
# socklab, они набираются одинаково на любом языке).
topic-heading-option = { $option } — опция сокета ({ $level }; короткое имя { $short }; { $kind })
topic-kind-read-only = только чтение
topic-kind-bool = on или off
topic-kind-int = число
topic-kind-seconds = секунды или длительность вроде 5s
topic-kind-millis = миллисекунды или длительность вроде 3s
topic-kind-timeout = длительность вроде 1.5s
topic-kind-linger = off или секунды
topic-option-SO_REUSEADDR = Позволяет bind занять порт, который ещё держат соединения в TIME_WAIT (но никогда — порт, который кто-то слушает). Linux требует эту опцию от обоих сокетов: от старого соединения (оно наследует её от слушающего сокета, где она была включена) и от нового. Поэтому сервер включает её перед каждым bind — и тогда может перезапуститься сразу.
topic-option-SO_REUSEPORT = Несколько сокетов могут привязаться к одному адресу и порту, если каждый из них включил эту опцию (и все они от одного пользователя); ядро распределяет между ними входящие соединения или датаграммы.
topic-try-SO_REUSEPORT = setsockopt a SO_REUSEPORT on, bind a 127.0.0.1:9000; то же самое для b
topic-option-SO_KEEPALIVE = Проверять пробами простаивающее соединение, чтобы заметить, что другой стороны больше нет: после TCP_KEEPIDLE, затем каждые TCP_KEEPINTVL, не больше TCP_KEEPCNT проб, потом ETIMEDOUT. Подробнее — help keepalive.
topic-option-SO_BROADCAST = Разрешает UDP-сокету отправлять на широковещательный адрес; без неё такой sendto завершается с EACCES.
topic-try-SO_BROADCAST = u = socket udp, sendto u 255.255.255.255:9 hi (EACCES), setsockopt u SO_BROADCAST on
topic-option-SO_RCVBUF = Буфер приёма: он ограничивает окно, которое объявляет эта сторона, поэтому получатель, который не читает, закрывает окно отправителю. Linux удваивает заданное значение (место под служебный учёт) и не даёт опуститься ниже минимума; задавайте опцию до listen или connect.
topic-option-SO_SNDBUF = Буфер отправки: сколько send может принять, прежде чем заблокируется (а в неблокирующем режиме — завершится с EAGAIN), пока другая сторона не читает. Linux удваивает заданное значение.
topic-option-SO_RCVTIMEO = Блокирующий recv (или accept) через это время сдаётся и возвращает EAGAIN, а не ждёт вечно; 0 или off — ждать вечно. Длительность: 300ms, 1.5s.
topic-option-SO_SNDTIMEO = Блокирующий send через это время сдаётся (возвращает, сколько успел принять, или завершается с EAGAIN), и блокирующий connect тоже (EINPROGRESS: рукопожатие продолжается); 0 или off — ждать вечно. Длительность: 200ms, 1.5s.
topic-try-SO_SNDTIMEO = setsockopt cli SO_SNDTIMEO 200ms, затем sendall cli "x"*10000000 другой стороне, которая не читает
topic-option-SO_LINGER = Что close делает с данными, которые ещё не отправлены. Off (по умолчанию): close возвращается сразу, а остальное отправляет ядро. On с N секундами: close ждёт до N с. SO_LINGER 0: close обрывает соединение с помощью RST, без TIME_WAIT, и другая сторона получает ECONNRESET.
topic-option-SO_ERROR = Только чтение: отложенная ошибка сокета; чтение её сбрасывает. Так узнают, чем закончился неблокирующий connect (0, ECONNREFUSED, ETIMEDOUT): читают, когда poll сообщит POLLOUT.
topic-option-SO_TYPE = Только чтение: SOCK_STREAM, SOCK_DGRAM или SOCK_SEQPACKET — тот тип, что попросили у socket(2).
topic-try-SO_TYPE = getsockopt H SO_TYPE
topic-option-SO_ACCEPTCONN = Только чтение: 1, пока сокет слушает, иначе 0.
topic-try-SO_ACCEPTCONN = getsockopt srv SO_ACCEPTCONN до и после listen srv
topic-option-TCP_NODELAY = Выключает алгоритм Нейгла: маленький send уходит сразу, даже если предыдущие данные ещё не подтверждены, а не ждёт, чтобы его объединили с другими, — а такое ожидание вместе с отложенным ACK другой стороны может стоить 40 мс и больше.
topic-option-TCP_CORK = Придерживает неполные сегменты, пока опцию не выключат (или 200 мс), чтобы мелкие записи уходили полными сегментами; когда её выключают, всё, что ждёт, отправляется.
topic-try-TCP_CORK = setsockopt cli TCP_CORK on, send cli a, send cli b, setsockopt cli TCP_CORK off (при wire on)
topic-option-TCP_MAXSEG = Наибольший сегмент, который отправляет этот сокет (его MSS); если задать опцию до connect, это же значение объявит SYN.
topic-try-TCP_MAXSEG = setsockopt cli TCP_MAXSEG 500 до connect, при wire on
topic-option-TCP_KEEPIDLE = Сколько соединение должно простаивать до первой keepalive-пробы (при включённом SO_KEEPALIVE). Ядро считает в секундах: 5, или 5s, 2min. По умолчанию: net.ipv4.tcp_keepalive_time, 7200 с.
topic-option-TCP_KEEPINTVL = Промежуток между keepalive-пробами, в секундах: 1, или 1s. По умолчанию: net.ipv4.tcp_keepalive_intvl, 75 с.
topic-option-TCP_KEEPCNT = Сколько keepalive-проб может остаться без ответа, прежде чем ядро откажется от соединения с ETIMEDOUT. По умолчанию: net.ipv4.tcp_keepalive_probes, 9.
topic-option-TCP_USER_TIMEOUT = Как долго отправленные данные (или keepalive-проба, или SYN) могут оставаться без подтверждения, прежде чем ядро откажется от соединения с ETIMEDOUT, — гораздо раньше, чем это сделал бы net.ipv4.tcp_retries2. В мс: 800, или 3s; 0 — решает число повторных передач.
topic-option-TCP_SYNCNT = Сколько раз connect отправляет SYN повторно, прежде чем завершиться с ETIMEDOUT, — для этого сокета (вместо net.ipv4.tcp_syn_retries).
topic-try-TCP_SYNCNT = в лаборатории: link hold, setsockopt cli TCP_SYNCNT 1, connect cli b:80
topic-option-TCP_WINDOW_CLAMP = Наибольшее окно приёма, которое объявляет этот сокет, в байтах, сколько бы ни позволял его буфер.
topic-try-TCP_WINDOW_CLAMP = setsockopt conn TCP_WINDOW_CLAMP 1000, затем отправьте ему данные при wire on
topic-option-TCP_QUICKACK = Подтверждать сразу, а не откладывать ACK. Ядро само снова выключает эту опцию, поэтому программа включает её заново после каждого приёма.
topic-option-IP_RECVERR = Ошибки ICMP (порт или узел недоступен, …) сообщаются сокету сразу, как приходят, — в том числе несоединённому UDP-сокету, — а не только как errno какого-то следующего вызова.
topic-try-IP_RECVERR = u = socket udp, setsockopt u IP_RECVERR on, sendto u 127.0.0.1:9 hi, recvfrom u
topic-option-IP_TTL = Время жизни (TTL) исходящих пакетов IPv4: каждый маршрутизатор уменьшает его на единицу, и при 0 пакет отбрасывается (ICMP time exceeded).
topic-try-IP_TTL = setsockopt H IP_TTL 1, getsockopt H IP_TTL
topic-option-IP_TOS = Байт типа обслуживания (TOS) исходящих пакетов IPv4: шесть бит DSCP (приоритет, который маршрутизаторы могут учитывать) и два бита ECN, которые на TCP-сокете ядро оставляет себе.
topic-try-IP_TOS = setsockopt H IP_TOS 16, getsockopt H IP_TOS
topic-option-IPV6_V6ONLY = Сокет AF_INET6 работает только с IPv6. Когда опция выключена (в Linux так по умолчанию, net.ipv6.bindv6only=0), слушающий сокет на [::] принимает и соединения по IPv4 — адрес другой стороны виден как ::ffff:a.b.c.d.

# Последняя строка темы: уроки, где это видно, или что попробовать.
topic-footer-lessons = уроки: { $lessons } (socklab play { $number })
topic-footer-try = ни один урок этого пока не показывает; попробуйте: { $line }

# Методы сокета в Python (`help setblocking`, `help python`):
# python-method-ИМЯ. {""} — методу нечего добавить.
python-help-in-socklab = В socklab вызов Python socket.{ $name }() — это: { $line }
python-help-no-verb = Для вызова Python socket.{ $name }() в socklab нет команды.
python-method-socket = socket.socket(family, type); `socket tcp` — то же самое (tcp, udp, tcp6, udp6, unix, unix-dgram — короткие названия видов сокетов).
python-method-bind = Кортеж с адресом записывается как HOST:PORT; bind(("", 8899)) — это bind s "" 8899 или bind s :8899.
python-method-listen = backlog можно не указывать (тогда он равен 128; ядро ограничивает его значением net.core.somaxconn).
python-method-accept = Python возвращает (conn, addr); socklab даёт новому сокету имя и показывает адрес другой стороны.
python-method-connect = connect s srv соединяется с адресом другого дескриптора.
python-method-connect_ex = socklab никогда не бросает исключений: неудачный connect показывает свой errno — так же, как его возвращает connect_ex.
python-method-send = Возвращает, сколько байт приняло ядро, — это может быть меньше, чем передали.
python-method-sendall = Вызывает send, пока не отправит всё, и сообщает, сколько вызовов понадобилось.
python-method-sendto = В socklab адрес пишется перед данными.
python-method-recv = Возвращает от 0 до N байт; 0 (b'' в Python) значит, что другая сторона закрыла своё направление отправки. `data =` сохраняет байты, а `$data` отправляет их обратно: s.sendall(data) — это `sendall s $data`.
python-method-recvfrom = Показывает адрес отправителя как from:.
python-method-recv_into = У socklab свой буфер; байты те же самые.
python-method-shutdown = SHUT_RD, SHUT_WR, SHUT_RDWR — это read, write, both.
python-method-close = Ядро может держать соединение и после того, как fd закрыт (FIN_WAIT, TIME_WAIT): socklab это показывает.
python-method-setsockopt = Уровень можно не указывать: каждая опция знает свой.
python-method-getsockopt = Показывает значение, которое сообщает ядро (Linux удваивает размеры буферов).
python-method-setblocking = setblocking(False) — это nonblock s on; setblocking(True) — это nonblock s off.
python-method-settimeout = Тайм-аут в Python — это собственный цикл poll() самого Python, который бросает TimeoutError; собственные тайм-ауты ядра — SO_RCVTIMEO (recv, accept) и SO_SNDTIMEO (send, connect), и вызов, прерванный ими, даёт EAGAIN (connect — EINPROGRESS). settimeout(0) — это nonblock s on; settimeout(None) обнуляет оба тайм-аута и делает nonblock s off. В сценариях каждый блокирующий вызов к тому же ограничен --timeout.
python-method-gettimeout = {""}
python-method-getsockname = {""}
python-method-getpeername = {""}
python-method-fileno = ls перечисляет все дескрипторы вместе с их fd.
python-method-makefile = makefile() оборачивает сокет в буферизованный файловый объект Python — это слой библиотеки, а не системный вызов; читайте через recv (или recvall, если нужно ровно столько-то байт), а отправляйте через sendall.
python-method-sendfile = sendfile(2) отправляет данные из файла, а уроки с файлами не работают; sendall отправит те же байты.
python-method-detach = Учёт fd на стороне Python; ядру здесь делать нечего.
python-method-dup = Второй fd для того же сокета; в socklab у каждого сокета одно имя.
python-method-socketpair = {""}
python-method-select = select.select / select.poll: poll показывает, какие сокеты готовы к чтению или записи.
python-method-recvall = Это не метод Python: это цикл из учебников, который читает ровно N байт.

# Исключения Python и errno за ними (`help ConnectionRefusedError`):
# python-exception-ИМЯ (socket.timeout — python-exception-socket-timeout),
# фраза после имени.
python-help-exception = { $name } в Python: { $note }.
python-help-no-errno = У него нет errno: такого шага socklab не покажет.
python-help-errnos = Вместо него socklab показывает errno: { $errnos } (help ERRNO расскажет, где встречается каждый).
python-exception-ConnectionRefusedError = там никто не слушает (TCP RST, а для UDP — ICMP port unreachable)
python-exception-ConnectionResetError = другая сторона сбросила соединение (RST)
python-exception-ConnectionAbortedError = соединение прервалось раньше, чем его забрал accept
python-exception-BrokenPipeError = отправка туда, куда отправлять уже нельзя — из-за другой стороны (или этой)
python-exception-ConnectionError = общий базовый класс четырёх исключений выше
python-exception-BlockingIOError = неблокирующий вызов, которому пришлось бы ждать
python-exception-InterruptedError = вызов прервал сигнал (Python повторяет вызов, socklab показывает)
python-exception-TimeoutError = ядро сдалось (connect, keepalive, повторные передачи); его же бросает истёкший срок settimeout, уже без errno
python-exception-socket-timeout = старое имя TimeoutError (с Python 3.10 — его псевдоним)
python-exception-PermissionError = порт ниже 1024, широковещательная отправка без SO_BROADCAST, raw-сокет
python-exception-FileNotFoundError = путь unix-сокета, которого не существует
python-exception-FileExistsError = {""}
python-exception-OSError = errno без собственного подкласса приходят как OSError с заполненным .errno
python-exception-socket-gaierror = имя узла не удалось разрешить (getaddrinfo); это не errno

# Ошибки сокетов Windows (`help 10054`, `help WSAECONNRESET`);
# winsock-note-ИМЯ — где Linux ведёт себя иначе.
winsock-help = { $name } ({ $number }) — так Windows называет { $twin }: там, где Python в Windows пишет [WinError { $number }], в Linux он пишет [Errno { $errno }], а socklab показывает { $shown } — это одна и та же ошибка.
winsock-note-WSAEWOULDBLOCK = Примечание: в Linux EWOULDBLOCK и EAGAIN — один и тот же errno, и socklab называет его EAGAIN.
winsock-note-WSAESHUTDOWN = Примечание: send после `shutdown write` в Linux получает EPIPE, а не ESHUTDOWN.

## ---- end of section topics ----


## ---- section shell: the shell, play, predict and the lessons' list ----


# predict: вопросы play, отметки и итог

predict-not-a-result = «{ $word }» здесь не ответ: нужно число (0, 5, -1), errno (ECONNREFUSED, 111), исключение Python (ConnectionRefusedError) или blocks (блокируется) — либо ?, чтобы увидеть ответ
predict-state-for-result = «{ $word }» — это состояние TCP, а вопрос о том, что вернёт вызов
predict-not-a-state = «{ $word }» — не состояние TCP ({ $states }); ? покажет ответ
predict-actual-gone = соединения больше нет (ядро его не держит)
predict-actual-returned = вернул { $value }
predict-actual-failed = -1 { $errno }
predict-actual-failed-python = -1 { $errno }, в Python — { $exception }
predict-actual-blocked = вызов заблокировался (до тайм-аута урока)
predict-actual-other = у шага нет результата вызова
predict-field-return-value = возвращаемое значение
predict-field-errno = errno
predict-field-blocks = блокировка
predict-field-succeeds = успешный вызов
predict-field-result = результат
predict-field-state = состояние
predict-field-answer = ответ
predict-word-blocks = блокируется
predict-word-ok = успех
predict-mark-right = ✓ { $field }: { $said } (верно)
predict-mark-wrong = ✗ { $field }: { $said } (неверно)
predict-it-was = на самом деле: { $actual }
predict-gave-up = ? ответ: { $actual }
predict-not-answered = (без ответа) на самом деле: { $actual }
predict-ask-result = предскажите: что вернёт вызов?
predict-ask-state = предскажите: в каком состоянии будет { $handle } после этого шага?
predict-how = Вопросы: скажите, чего вы ждёте, до того как вызов выполнится, — результат (0, 5, ok, -1 ECONNREFUSED, 111, ConnectionRefusedError, blocks или блокируется) или состояние TCP (CLOSE_WAIT); ? покажет ответ, Enter пропускает вопрос, q — выход.
predict-score = итог: верно { $right } из { $counted } { $counted ->
        [one] предсказания
        [few] предсказаний
       *[many] предсказаний
    }
predict-score-skipped = итог: верно { $right } из { $counted } { $counted ->
        [one] предсказания
        [few] предсказаний
       *[many] предсказаний
    } ({ $skipped ->
        [one] { $skipped } вопрос
        [few] { $skipped } вопроса
       *[many] { $skipped } вопросов
    } без ответа)

# play: показ урока

play-refused-need = этот урок { $why }
play-host-net = примечание: --host-net: урок идёт в сети самого компьютера и может достучаться до настоящих служб
play-note = примечание: { $note }
play-keys = Enter: дальше · a: дальше без остановок · q: выход
play-stopped = остановлено (q) перед шагом { $step }
play-interrupted = прервано (Ctrl-C): урок остановлен
play-out-of-time = время вышло: шаги урока шли уже { $time }, больше уроку нельзя — урок остановлен

# lessons: socklab lessons, уроки в оболочке и play

lessons-group = { $group }:
lessons-needs = [нужно: { $needs }]
lessons-asks = [{ $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    }]
lessons-footer = socklab play NAME (или номер) проигрывает урок — [N вопросов]: сначала урок попросит предсказать N результатов; play --predict спрашивает перед каждым вызовом; socklab test --lessons прогоняет все уроки.
lessons-footer-shell = play NAME (или номер) проигрывает урок здесь, в его собственной сети; потом этот сеанс продолжится.
lessons-footer-script = socklab play NAME (или номер) проигрывает урок; socklab test --lessons прогоняет все уроки.
lessons-play-needs-terminal = play ведёт урок шаг за шагом, когда за терминалом сидит человек: наберите play в оболочке или запустите socklab play NAME (socklab play --auto 2s NAME идёт дальше сам)
lessons-no-such = нет ни файла, ни встроенного урока «{ $wanted }» (socklab lessons покажет список)
lessons-no-such-near = нет ни файла, ни встроенного урока «{ $wanted }» — может быть, { $near }? (socklab lessons покажет список)
lessons-several = «{ $wanted }» подходит нескольким урокам: { $names } — укажите имя целиком

# group: группы уроков (`#! group:` в уроке, там по-английски)

group-tcp-connections = Соединения TCP
group-udp = UDP
group-other-families-and-ports = Другие семейства адресов и порты
group-the-tutorials-programs = Программы из учебников
group-the-wire-view-needs-cap-net-raw-or-sandbox = Показ трафика (нужен CAP_NET_RAW или --sandbox)
group-the-network-lab = Сетевая лаборатория
group-the-network-lab-a-real-path = Сетевая лаборатория: настоящий путь
group-reference = Справочник
group-other-lessons = Другие уроки

# shell: приветствие оболочки

shell-banner = socklab { $version } — help, help VERB, ? или Tab, чтобы осмотреться; Ctrl-D — выход. Впервые с сокетами? `lessons` покажет список уроков, `play 01` запустит первый.
shell-banner-private = {" "}Частная сеть (--sandbox): программы вне socklab недоступны.
shell-banner-lab = Лаборатория: хост a — { $a4 } ({ $a6 }), хост b — { $b4 } ({ $b6 }), их соединяет канал, по которому сегменты пересылает socklab. Приглашение показывает, что канал делает с сегментами (pass, hold), и текущий дескриптор; остальное скажет `link` (docs/lab.md).

# runner: что говорит исполнитель о строках сеанса

runner-no-job = задания [{ $id }] нет среди работающих — их список покажет jobs (результат завершённого уже показан)
runner-still-running = { $reason }; ещё работают: { $jobs }
runner-out-of-time = время вышло: урок может идти не дольше { $time }
runner-timeout = тайм-аут через { $after }
runner-interrupted = прервано (Ctrl-C)
runner-poll-failed = poll не удался: { $reason }
runner-no-program = программа «{ $name }» не запущена (её запускает spawn) — wait принимает номер задания (список покажет jobs: wait 1) или имя программы, запущенной spawn
runner-no-program-running = программа «{ $name }» не запущена (запущены: { $running }) — wait принимает номер задания (список покажет jobs: wait 1) или имя программы, запущенной spawn
runner-script-interrupted = прервано (Ctrl-C): сценарий на этом останавливается
runner-not-utf8 = терминал прислал байты не в UTF-8, и эта строка отброшена, не выполнившись — socklab читает текст в UTF-8 (переключите терминал на UTF-8); сырые байты пишутся так: x"ff fe" или "\xff"
runner-reading-input = ошибка: не удалось прочитать ввод: { $error }
runner-source-confined = уроку нельзя читать файлы: source запрещён в socklab test и play — чтобы выполнить файл, сделайте его своим сценарием: socklab run FILE
runner-source-nested = source вложен глубже { $depth } уровней
runner-cannot-open = не удаётся открыть «{ $file }»: { $reason }
runner-source-not-regular = «{ $file }» — не обычный файл (устройство, FIFO или каталог): source читает файлы со строками socklab
runner-sourced-already = «{ $file }» уже выполняется через source: файл, который вызывает сам себя, никогда бы не закончился
runner-source-recorded = в «{ $file }» сейчас идёт запись этого сеанса: source выполнял бы то, что пишется, и писал бы то, что выполняется, бесконечно — сначала record off или возьмите другой файл
runner-export-confined = уроку нельзя записывать файлы: export запрещён в socklab test и play — чтобы экспортировать урок, выполните: socklab export LESSON --to python -o FILE.py
runner-export-json = export берёт сеанс в том виде, в каком он показан текстом: запустите socklab без --json, чтобы экспортировать
runner-export-nothing = экспортировать пока нечего: сначала сделайте несколько вызовов
runner-cannot-write = не удаётся записать «{ $file }»: { $reason }
runner-diagram-confined = уроку нельзя записывать файлы: diagram save запрещён в socklab test и play — чтобы нарисовать урок, выполните: socklab diagram LESSON -o FILE.svg
runner-diagram-nothing = рисовать пока нечего: ни один сегмент не был показан — включите показ трафика (wire on, wire ladder или socklab --lab), сделайте несколько вызовов, затем diagram save FILE.svg
runner-diagram-extension = «{ $file }»: вид рисунка задаётся расширением файла: .svg (слайды), .html (страница для печати), .txt (терминал), .mmd (mermaid)
runner-lessons-not-here = урок не может показывать список уроков или запускать их — в оболочке это делают `lessons` и `play NAME`, из командной строки — socklab lessons и socklab play NAME
runner-not-recording = запись не идёт — начните её так: record FILE
runner-already-recording = уже идёт запись в { $current } — сначала record off, потом record { $path }
runner-record-confined = уроку нельзя записывать файлы: record запрещён в socklab test и play — чтобы записать, выполните файл как свой сценарий: socklab run FILE
runner-record-being-read = «{ $file }» сейчас читается этим сеансом (через run или source): запись в него затёрла бы то, что ещё предстоит выполнить, — пишите в другой файл
runner-cannot-record = не удаётся вести запись в «{ $file }»: { $reason }
runner-recording-stopped = запись в { $path } прекращена: { $reason } — сеанс продолжается без записи

# test: отчёт socklab test (сравнивается по-прежнему английский текст)

test-cannot-start = не удаётся начать сеанс: { $error }
test-interrupted-before = прервано (Ctrl-C) перед строкой { $line }
test-too-long = строка { $line }: урок идёт дольше { $seconds } с, а больше уроку нельзя: остановлен
test-cannot-rewrite = { $name }: не удаётся перезаписать: { $error }
test-needs-lab-unprivileged = требует лабораторию, а её нельзя построить, когда сброшены все привилегии («#! as: unprivileged» и «#! lab» несовместимы)
test-needs-lab = требует лабораторию (пространства имён сети: root или пространства имён пользователя)
test-needs = требует { $need }
test-built-in = { $name } (встроенный)
test-interrupted = прервано (Ctrl-C): { $count ->
        [one] { $count } файл не запущен
        [few] { $count } файла не запущены
       *[many] { $count } файлов не запущено
    }
test-summary = пройдено: { $passed }, не пройдено: { $failed }, пропущено: { $skipped }
test-note = { $name }: примечание: { $note }
test-skipped = { $name }: пропущен ({ $why })
test-blessed = { $name }: { $count ->
        [one] переписана { $count } команда
        [few] переписаны { $count } команды
       *[many] переписано { $count } команд
    }
test-host-net = примечание: --host-net: уроки идут в сети самого компьютера и могут достучаться до настоящих служб
test-bless-lessons = --bless переписывает файлы, а встроенные уроки — не файлы
test-lessons-and-files = --lessons прогоняет встроенную библиотеку: укажите либо файлы, либо --lessons, но не то и другое
test-bless-lesson = --bless переписывает файлы, а { $name } — встроенный урок, не файл
test-no-files-hint = { $error } (socklab test --lessons прогоняет уроки, встроенные в socklab)
test-no-files = файлы .socklab не найдены

# подкоманды командной строки: play, record, diagram, translate, export и флаги

play-command-list = { $file } — это список команд, а не урок (в уроке есть строки «> » и их вывод): сделайте урок так: socklab record LESSON.socklab < { $file }, потом socklab play LESSON.socklab
play-report-cannot-write = не удаётся записать отчёт { $file }: { $reason }
play-report-form = --report { $file }: отчёт — это FILE.csv или FILE.json (формат определяется по расширению)
record-cannot-write = не удаётся записать { $file }: { $reason }
record-input-failed = не удалось прочитать команды: { $error }
record-cannot-start = не удаётся начать сеанс: { $error }
record-failed = запись в { $file } не удалась: { $reason }
record-recorded = записано в { $file }
shell-graph-no-data = в { $file } нет сегментов TCP с данными, по которым можно построить график (в уроке, где есть только строки `wire summary` или нет ничего, их нет)
shell-steps-none = в { $file } { $count ->
        [one] { $count } команда
        [few] { $count } команды
       *[many] { $count } команд
    }: --steps { $from }… не рисует ни одной из них
shell-cannot-write = не удаётся записать { $file }: { $reason }
shell-cannot-write-exists = не удаётся записать { $file }: { $reason } (--force заменит его)
shell-wrote = записано в { $file }
shell-cannot-read = не удаётся прочитать { $file }: { $reason }
shell-program-too-large = { $file } больше { $limit } байт: socklab translate читает программы не больше этого размера
shell-program-not-text = { $file } — не текст в UTF-8 и не текст в кодировке, которую называет его строка `# coding:` (Python 3 читает программу как UTF-8, если только в первой или второй строке не написано `# -*- coding: gbk -*-`)
shell-lab-cannot-run = { $reason }; лаборатория здесь работать не может
shell-flag-help = help не запускает сеанс
shell-flag-json = { $name } показывает уроки человеку; один объект JSON на каждый шаг даёт `socklab run --json FILE`
shell-flag-bail = на первой неудачной строке останавливается только сценарий: socklab run --bail
shell-flag-wire-test = ожидаемый вывод урока зависит от показа трафика, поэтому урок включает его сам (wire on)
shell-flag-lab = урок идёт в лаборатории, только если сам просит об этом строкой `#! lab` (она есть в уроках лаборатории; record в лаборатории пишет её)
shell-flag-no-effect = там он ничего не меняет
shell-flag-not-here = --{ $flag } не относится к `socklab { $name }`: { $why }

play-env-own-directory = не удаётся дать уроку собственный каталог: { $reason }
play-env-make-scratch = не удаётся создать рабочий каталог урока: { $error }
play-env-enter-scratch = не удаётся перейти в рабочий каталог урока: { $error }
play-env-read-capabilities = не удаётся прочитать привилегии (capabilities): { $error }
play-env-drop-capabilities = не удаётся сбросить привилегии (capabilities) для «#! as: unprivileged»: { $error }

test-more-lines = … и ещё { $count ->
        [one] { $count } строка
        [few] { $count } строки
       *[many] { $count } строк
    }

## ---- end of section shell ----


## ---- section errors: usage errors and the tool's own errors ----


# Рамка каждой ошибки: где она и что принимает команда.
error-at-column = столбец { $column }: { $message }
error-missing = не хватает аргумента: { $what } — синтаксис: { $usage }
error-with-usage = { $message } — синтаксис: { $usage }
error-with-hint-usage = { $message } { $hint } — синтаксис: { $usage }

# Подсказки о дескрипторах, в скобках после сообщения.
error-hint-no-handle-near = (дескриптора «{ $word }» нет — может быть, «{ $near }»?)
error-hint-handles = (дескрипторы: { $names })
error-hint-handles-many = (дескрипторы: { $names }, … всего { $count } — их перечисляет ls)
error-hint-read-as-argument = («{ $word }» прочитано как аргумент, а не как дескриптор)
error-hint-read-as-argument-hint = («{ $word }» прочитано как аргумент, а не как дескриптор { $hint })

# Курсор: дескрипторы и аргументы.
error-no-current-handle = текущего дескриптора нет — сначала создайте сокет (socket tcp) или назовите дескриптор
error-not-a-handle = «{ $word }» — не дескриптор
error-program-socket = { $name } — сокет программы { $program } (spawn): socklab может его показать (ls), но не может с ним работать — действуйте со своей стороны соединения
error-path-not-hex = { $what } — это имя, а не шестнадцатеричные данные: напишите его как есть или в кавычках
error-path-not-text = { $what } — это текст: имя не может быть пустым или содержать байты не в UTF-8
error-not-one-of = «{ $word }» не подходит как { $what } (допустимо: { $choices })
error-not-one-of-near = «{ $word }» не подходит как { $what } — может быть, «{ $near }»? (допустимо: { $choices })
error-joined-data-too-long = склеенные данные больше предела в 16 МиБ
error-data-near = может быть, «${ $near }»?
error-data-none-yet = пока ничего не сохранено — приём сохраняет байты под именем: data = recv conn 1024
error-data-names = имена данных: { $names }
error-data-names-many = имена данных: { $names }, … всего { $count } — их перечисляет ls
error-no-data-named = нет данных с именем «{ $name }» ({ $known }); чтобы отправить сам текст «{ $text }», возьмите его в кавычки — синтаксис: { $usage }
error-int-too-big = { $what }: { $n } больше { $max }
error-int-not-whole = { $what }: нужно целое число, а не «{ $word }»
error-int-is-data = { $what }: нужно число, а не данные
error-bad-address = неверный адрес: { $reason }
error-address-quoted = адрес пишется без кавычек
error-quote-text = текст с пробелами — один аргумент, только если он в кавычках: { $line }
error-not-a-flag = «{ $word }» здесь не флаг; флаги: { $flags }
error-unexpected = лишний аргумент «{ $word }»

# Что это за аргумент (в «не хватает …», «… не подходит как …»);
# обозначения вроде ADDR и FILE остаются как есть.
error-what-direction = направление
error-what-request = запрос
error-what-diagram-action = действие команды diagram
error-what-host-action = действие команды host
error-what-delayed-ack-setting = режим отложенного подтверждения
error-what-wire-setting = режим wire
error-what-send-or-recv = send или recv
error-what-socket-kind = вид сокета
error-what-language = язык
error-what-setting = режим
error-what-link-mode = режим канала
error-what-seed = seed
error-what-port = порт
error-what-queue-length = длина очереди

# Адреса (src/address.rs).
error-address-forms = IP:PORT, [IPv6]:PORT, :PORT, HOST:PORT, /unix/path, @abstract или имя дескриптора
error-address-no-abstract-name = после «@» нужно имя: @mysock
error-address-abstract-too-long = абстрактное имя вмещает не больше { $max } байт, а в этом { $len ->
        [one] { $len } байт
        [few] { $len } байта
       *[many] { $len } байт
    }
error-address-path-too-long = путь unix-сокета вмещает не больше { $max } байт, а в этом { $len ->
        [one] { $len } байт
        [few] { $len } байта
       *[many] { $len } байт
    }
error-address-not-an-address = «{ $text }» — не адрес; ожидается { $forms }
error-address-ipv6-without-brackets = «{ $text }»: IPv6-адрес пишется в квадратных скобках, например [::1]:8080
error-address-not-a-host-name = «{ $text }» — не имя хоста; ожидается { $forms }
error-address-no-closing-bracket = «{ $text }»: после IPv6-адреса не хватает «]»
error-address-not-ipv6 = «{ $text }» — не IPv6-адрес
error-address-no-port-after-bracket = «{ $text }»: после «]» не хватает «:PORT» — например, [::1]:8080
error-address-ipv4-parts = «{ $host }» — не IPv4-адрес: в нём { $parts ->
        [one] { $parts } часть
        [few] { $parts } части
       *[many] { $parts } частей
    }, а в адресе их 4 (например, 127.0.0.1)
error-address-ipv4-part-too-big = «{ $host }» — не IPv4-адрес: { $part } больше 255
error-address-ipv4-empty-part = «{ $host }» — не IPv4-адрес: пустая часть
error-address-not-ipv4 = «{ $host }» — не IPv4-адрес
error-address-no-port = после «:» не хватает порта — например, 127.0.0.1:8080 (0 — порт выберет ядро)
error-address-port-out-of-range = порт { $port } вне диапазона: порты бывают от 0 до 65535
error-address-port-not-a-number = порт «{ $text }» — не число от 0 до 65535

# Кодировки (src/encoding.rs).
error-encoding-unknown = «{ $name }» — не кодировка, в которой socklab умеет отправлять; допустимо: { $names }
error-encoding-unwritable = «{ $character }» нельзя записать в кодировке { $encoding } — переключитесь командой `encoding utf-8` или запишите байты как x"…"

# Сама строка (src/parse): длина, кавычки, escape-последовательности, байты.
error-line-too-long = в строке { $len ->
        [one] { $len } байт
        [few] { $len } байта
       *[many] { $len } байт
    }, а предел — { $max }; длинные данные пишите как "..."*COUNT
error-line-longer-than = строка длиннее { $max } байт — длинные данные пишите как "..."*COUNT
error-nul-byte = в строке байт NUL — чтобы отправить его, напишите \0 внутри кавычек
error-ampersand-alone = «&» запускает команду в фоне; поставьте его после команды: accept srv &
error-nothing-after-equals = после «=» ничего нет — напишите команду, которая создаёт дескрипторы: srv = socket tcp
error-bad-handle-name = «{ $name }» не годится как имя дескриптора — начните с буквы, дальше буквы, цифры, «_» или «-» (не больше 32 символов)
error-repeat-needs-count = после «*» за данными нужно число повторов: "ab"*1000
error-repeat-too-long = { $len } × { $count } байт — больше предела в 16 МиБ
error-space-after-quote = после закрывающей кавычки нужен пробел
error-unterminated-quote = кавычка не закрыта — закройте её символом { $quote }
error-hex-escape = после «\x» нужны две шестнадцатеричные цифры: \x41
error-unknown-escape = неизвестная escape-последовательность «{ $escape }» — используйте \n \r \t \0 \\ \" \' или \xNN
error-unterminated-hex = шестнадцатеричные данные не закрыты — закройте их кавычкой «"»: x"48 65"
error-not-hex-digit = «{ $char }» — не шестнадцатеричная цифра; x"..." принимает пары вроде 48 65 6c
error-odd-hex-digits = в шестнадцатеричных данных нечётное число цифр — на каждый байт их две: x"0a 0b"
error-not-utf8 = байт 0x{ $byte } — не UTF-8; байты пишите как \xNN внутри кавычек
error-not-encoding = байт 0x{ $byte } в столбце { $column } — ни UTF-8, ни { $encoding } (кодировка сеанса) — сохраните файл в одной из них или запишите байты как \xNN внутри кавычек
error-not-encoding-line = строка { $line }: байт 0x{ $byte } в столбце { $column } — ни UTF-8, ни { $encoding } (кодировка сеанса) — сохраните файл в одной из них или запишите байты как \xNN внутри кавычек

# Команда строки и имена перед ней (src/command/mod.rs).
error-unknown-command-near = неизвестная команда «{ $word }» — может быть, «{ $near }»?
error-unknown-command = неизвестная команда «{ $word }» — список команд выводит help
error-not-in-background = команда «{ $verb }» не блокируется, поэтому её нельзя запустить в фоне — «&» принимают только { $verbs }
error-names-no-data = «{ $verb }» не создаёт дескрипторов и не возвращает данных, которым можно дать имя — socket, socketpair и accept дают имена созданным дескрипторам (srv = socket tcp); recv, recvfrom и recvall — полученным байтам (data = recv conn 1024)
error-data-one-name = «{ $verb }» сохраняет байты под одним именем; остальное показывает шаг: { $name } = { $verb } …
error-data-name-background = имя данных сохраняет то, что вернул приём на переднем плане, — запустите его без «&», чтобы сохранить ${ $name }
error-too-many-names = «{ $verb }» создаёт { $creates ->
        [one] один дескриптор
        [few] { $creates } дескриптора
       *[many] { $creates } дескрипторов
    }, а имён дано { $count }
error-socketpair-one-name = socketpair создаёт два дескриптора: назовите оба, например a, b = socketpair
error-name-reserved = фоновое задание [{ $job }] создаст «{ $name }» — выберите другое имя
error-handle-exists = дескриптор «{ $name }» уже есть — сначала закройте его или выберите другое имя
error-name-is-command = «{ $name }» — имя команды; выберите другое имя дескриптора
error-named-twice = имя «{ $name }» дано дважды
error-not-from-cache = { $verb } не выполняется из кэша разбора

# Ошибки самих команд (src/command/*.rs).
error-not-a-host = «{ $name }» — не хост лаборатории; хосты — a и b
error-spawn-missing-command = не хватает CMD — программы, которую нужно запустить: spawn py = python3 server.py — синтаксис: { $usage }
error-socket-kind-not-here = { $kind } здесь не подходит; допустимо: { $choices }
error-socket-type-unsupported = socklab создаёт сокеты SOCK_STREAM и SOCK_DGRAM (и SOCK_SEQPACKET для AF_UNIX), но не «{ $word }»
error-socket-family-unsupported = socklab создаёт сокеты AF_INET, AF_INET6 и AF_UNIX, но не «{ $word }»
error-not-a-language = socklab не говорит на языке «{ $word }» — выберите en, ru или zh
error-not-a-signal = «{ $word }» — не сигнал, который посылает kill; допустимо: { $signals }
error-not-a-job = «{ $word }» — не номер задания и не имя программы; их перечисляет jobs: wait 1
error-not-a-state = «{ $word }» — не состояние TCP и не readable/writable; состояния: { $states }
error-await-timeout = TIMEOUT должен быть длительностью вроде 500ms или 2s, а не «{ $word }»
error-await-closed = { $handle } закрыт: для него можно ждать только состояние TCP
error-await-wire-off = для await wire нужен показ трафика: сначала `wire on` (ему нужен CAP_NET_RAW или --sandbox)
error-no-handle-named = дескриптора «{ $handle }» нет
error-close-shared = { $handle } ещё используется фоновым заданием; ничего не закрыто
error-nothing-to-background = команда «{ $verb }» не блокируется, так что в фоне запускать нечего — «&» принимают только { $verbs }
error-watch-zero = наблюдателю нужно N не меньше 1 байта на вызов (по умолчанию 1024)
error-already-watched = за { $name } уже наблюдает задание [{ $job }]
error-watch-listening = { $name } — слушающий сокет: принимать с него нечего — accept { $name } & примет соединение в фоне
error-not-watched = за { $name } никто не наблюдает — начните с: watch { $name }
error-option-level = { $option } — опция уровня { $level }, а не { $given }
error-unknown-option-near = неизвестная опция «{ $word }» — может быть, «{ $near }»?
error-unknown-option = неизвестная опция «{ $word }» — список выводит `help setsockopt`

# Канал лаборатории, опции, sample и wire (src/command/link.rs, option_value.rs, sample/, wire.rs).
error-what-delay = задержка
error-what-jitter = разброс задержки
error-what-loss = потери
error-what-duplication = дублирование
error-what-corruption = искажение
error-what-reordering = переупорядочивание
error-link-not-a-direction = «{ $word }» — не направление; пишите a->b или b->a
error-link-delay-no-unit = у «{ $word }» нет единицы: пишите { $word }ms или { $word }s ({ $what } — от 0ms до 60s)
error-link-not-a-delay = «{ $word }» не подходит: { $what } — от 0ms до 60s; пишите, например, 50ms, 1.5s или 0
error-link-percent-no-unit = у «{ $word }» нет единицы: пишите { $word }% ({ $what } — от 0% до 100%)
error-link-not-a-percent = «{ $word }» не подходит: { $what } — от 0% до 100%; пишите, например, 2%, 0.5% или 100%
error-link-not-a-queue-length = «{ $word }» — не длина очереди; напишите число пакетов от 1 до 100000, например 64
error-link-not-a-rate = «{ $word }» — не скорость от 1kbit до 10gbit; пишите, например, 10mbit, 500kbit или 1.5gbit (бит в секунду; off — без ограничения)
error-link-copies-twice = достаточно одного «copies»
error-link-copies-drop = drop выбрасывает все копии записи: «copies» — только для deliver
error-link-not-a-held-number = «{ $word }» — не номер задержанного сегмента вроде #3
error-link-not-a-pick = «{ $word }» — не количество (1, 2, …), не all, не номер задержанного сегмента вроде #3, не вид сегмента (a->b, b->a, SYN, FIN, RST, ACK, SYN,ACK, data, udp, tcp) и не copies
error-link-next-only = { $verb } действует на следующий сегмент: { $verb } next [a->b|b->a]
error-link-nothing-held = в канале ничего не задержано — `link hold` задерживает то, что придёт дальше
error-link-held-copies = #{ $number } (копии уже доставленного)
error-link-not-held = сегмент #{ $number } не задержан; сейчас задержаны: { $held }
error-link-only-copies = задержаны только копии уже доставленных сегментов ({ $held }): на них действует `{ $verb } #K`
error-link-none-chosen = среди задержанных нет того, что вы просили; сейчас задержаны: { $held } (их перечисляет `link`)
error-option-takes = { $option } принимает { $what }, а не «{ $word }»
error-option-takes-seconds = целые секунды (5) или длительность (5s, 2min)
error-option-takes-millis = миллисекунды (800) или длительность (800ms, 3s)
error-option-takes-linger = off, целые секунды (2; при 0 close посылает RST) или длительность (2s)
error-option-takes-timeout = длительность вроде 1.5s или 200ms (число без единицы — секунды; 0 или off — без тайм-аута)
error-option-takes-int = целое число
error-option-too-long = { $word } — слишком много для { $option }: ядро хранит не больше { $max } { $unit ->
        [seconds] { $max ->
            [one] секунды
            [few] секунд
           *[many] секунд
        }
        [milliseconds] { $max ->
            [one] миллисекунды
            [few] миллисекунд
           *[many] миллисекунд
        }
       *[microseconds] { $max ->
            [one] микросекунды
            [few] микросекунд
           *[many] микросекунд
        }
    }
error-option-read-only = { $option } только для чтения — используйте getsockopt
error-sample-too-many = every { $every } for { $duration } — это больше { $max } замеров; замеряйте реже
error-sample-not-a-time = «{ $word }» не подходит как время для «{ $what }»: нужно от { $from } до { $to }, например 50ms, 3s или 2m
error-sample-file-kind = «{ $name }» — не файл .csv и не .svg: sample сохраняет замеры в CSV, а график — в SVG
error-sample-not-a-field = sample не знает поля «{ $word }»; поля: { $fields }; затем every D, for D, save FILE
error-sample-confined = уроку нельзя записывать файлы: sample … save запрещён в socklab test и play — чтобы сохранить, запустите файл как свой сценарий: socklab run FILE
error-sample-not-tcp = { $handle } — не TCP-сокет: sample читает TCP_INFO, а это сведения TCP
error-cannot-write = не удаётся записать «{ $name }»: { $reason }
error-wire-confined = уроку нельзя записывать файлы: wire { $verb } запрещён в socklab test и play — чтобы сохранить захват, запустите файл как свой сценарий: socklab run FILE
error-wire-off = показ трафика выключен: ничего не захвачено — сначала wire on
error-graph-no-connection = у { $handle } нет соединения, которое можно нарисовать — wire graph рисует соединение TCP-сокета, соединённого с другой стороной
error-graph-no-segment = в журнале wire нет сегментов соединения { $handle } ({ $from } → { $to }): wire graph рисует то, что видели показ трафика (wire on) или лаборатория

# Длительность, которую опция считает в целых единицах.
error-option-not-whole-one = { $option } считает в целых { $unit ->
        [seconds] секундах
        [milliseconds] миллисекундах
       *[microseconds] микросекундах
    }, а { $word } — не целое их число: может быть, { $above }?
error-option-not-whole = { $option } считает в целых { $unit ->
        [seconds] секундах
        [milliseconds] миллисекундах
       *[microseconds] микросекундах
    }, а { $word } — не целое их число: может быть, { $below } или { $above }?

# `record FILE or off`: слово между именами.
error-what-FILE-or-off = FILE или off
error-lang-in-lesson = урок не меняет язык — запустите его с --lang ru, --lang zh или --lang en
error-cannot-open-script = не удаётся открыть сценарий «{ $path }»: { $reason }

## ---- end of section errors ----


## ---- section lab-errors: the lab's, the wire's, spawn's and the session's own errors ----

# Пространства имён лаборатории (src/lab/netns.rs). $reason — текст errno.
lab-error-too-many-namespaces = не удалось создать сетевое пространство имён для лаборатории: достигнут предел числа сетевых пространств имён (user.max_net_namespaces)
lab-error-namespace-refused = не удалось создать сетевое пространство имён для лаборатории ({ $reason }): запустите socklab от root или там, где разрешены непривилегированные пространства имён пользователей
lab-error-loopback = не удалось поднять lo в лаборатории: { $reason }
lab-error-hold-namespace = не удалось удержать пространство имён лаборатории: { $reason }
lab-error-thread = не удалось запустить поток: { $reason }
lab-error-thread-failed = поток, создававший пространство имён, завершился аварийно
lab-error-enter-namespace = не удалось войти в пространство имён лаборатории: { $reason }

# Netlink и интерфейсы (src/lab/setup.rs).
lab-error-netlink = netlink: { $reason }
lab-error-no-interface = нет интерфейса { $name }: { $reason }

# Отводы хостов (src/lab/taps.rs).
lab-error-tap-socket = лаборатория не может открыть пакетный сокет: { $reason }
lab-error-tap-filter = лаборатория не может поставить фильтр на пакетный сокет: { $reason }
lab-error-tap-bind = не удалось привязать отвод (tap) лаборатории: { $reason }

# Ретранслятор (src/lab/relay/mod.rs). $name — va или vb.
lab-error-relay-socket = ретранслятор лаборатории не может открыть пакетный сокет: { $reason }
lab-error-relay-bind = не удалось привязать ретранслятор к { $name }: { $reason }
lab-error-relay-eventfd = eventfd: { $reason }
lab-error-relay-ring = кольцевой буфер ретранслятора: { $reason }
lab-error-relay-thread = не удалось запустить ретранслятор: { $reason }
# Почему у канала нет быстрого пути (JSON команды link, no_kernel_path).
lab-error-fast-path-not-asked = его не запрашивали

# Быстрый путь канала (src/lab/kernel_path.rs).
lab-error-bpf-map = карта BPF: { $reason }
lab-error-bpf-ring = кольцевой буфер BPF: { $reason }
lab-error-bpf-program = программа канала: { $reason }
lab-error-bpf-attach = не удалось подключить программу канала: { $reason }
lab-error-bpf-programs = программы канала

# Сборка лаборатории (src/lab/mod.rs). $side — va или vb.
lab-error-quiet = не удалось заглушить { $side } в лаборатории: { $reason }
lab-error-early-retrans = не удалось задать tcp_early_retrans в лаборатории: { $reason }

# sysctl HOST NAME[=VALUE] (src/lab/sysctl.rs). $name — имя настройки.
lab-error-sysctl-read-only = { $name } — только для чтения: в ней ядро сообщает, что оно предлагает
lab-error-sysctl-not-listed = { $name } — не настройка, которую может иметь хост лаборатории: sysctl читает и задаёт только перечисленные в его списке настройки TCP и IP, свои у каждого хоста (help sysctl), потому что остальные могут действовать на всю машину
lab-error-sysctl-not-listed-near = { $name } — не настройка, которую может иметь хост лаборатории (может быть, вы имели в виду { $near }?): sysctl читает и задаёт только перечисленные в его списке настройки TCP и IP, свои у каждого хоста (help sysctl), потому что остальные могут действовать на всю машину
lab-error-sysctl-not-whole = { $name } принимает целое число от { $low } до { $high }, а не «{ $value }»
lab-error-sysctl-out-of-range = { $n } — вне допустимого для { $name } диапазона: от { $low } до { $high }
lab-error-sysctl-not-numbers = { $name } принимает { $count ->
        [one] { $count } целое число
        [few] { $count } целых числа
       *[many] { $count } целых чисел
    }, например { $name }={ $example }, а не «{ $value }»
lab-error-sysctl-not-in-order = числа { $name } идут от меньшего к большему, например { $example }, а не «{ $value }»
lab-error-sysctl-no-such-congestion = «{ $value }» — не алгоритм управления перегрузкой, который есть в этом ядре; в нём есть: { $known } (net.ipv4.tcp_available_congestion_control)
lab-error-sysctl-not-per-host = в этом ядре у хоста нет своей настройки { $name } (её нет в /proc/sys хоста), поэтому лаборатория не может задать её для одного хоста
lab-error-sysctl-not-allowed = хост лаборатории не может выбрать { $value }: сетевое пространство имён может использовать только алгоритмы из net.ipv4.tcp_allowed_congestion_control ({ $allowed }), а их задаёт администратор машины
lab-error-sysctl-kernel-refused = ядро отвергло { $name } = { $value }: такого значения оно не принимает (EINVAL)
lab-error-sysctl-cannot-set = не удалось задать { $name }: { $reason }
lab-error-sysctl-cannot-read = не удалось прочитать { $name }: { $reason }

# Захват для вида провода (src/wire/mod.rs).
wire-error-no-cap-net-raw = показу трафика (wire) нужен CAP_NET_RAW, чтобы открыть пакетный сокет (AF_PACKET): запустите socklab от root, или дайте ему эту привилегию (sudo setcap cap_net_raw+ep $(which socklab)), или запустите socklab --sandbox
wire-error-socket = не удалось открыть пакетный сокет: { $reason }
wire-error-no-loopback = нет петлевого интерфейса «lo»: { $reason }

# Запущенные программы (src/spawn/mod.rs). $names — имена запущенных программ через ", ".
spawn-error-name-taken = программа с именем «{ $name }» уже запущена — дайте этой своё имя: spawn NAME = CMD …
spawn-error-no-such = программа с именем «{ $name }» не запущена (запускает программы spawn)
spawn-error-no-such-running = программа с именем «{ $name }» не запущена (запущены: { $names })
# Продолжение фразы «программа с именем „x“ не запущена» в ошибке wait (пробел перед ним ставит код).
spawn-error-hint-none = (запускает программы spawn)
spawn-error-hint-running = (запущены: { $names })
spawn-error-pipe = не удалось создать канал (pipe) для её вывода: { $reason }
spawn-error-start = не удалось запустить «{ $program }»: { $reason }
spawn-error-signal = не удалось послать сигнал «{ $name }»: { $reason }

# Собственное пространство имён socklab (src/sandbox.rs): для --sandbox или для частных сетей уроков.
session-error-sandbox-no-userns = для --sandbox нужны пространства имён пользователя и сети ({ $reason }): эта система не разрешает непривилегированные пространства имён пользователей (см. sysctl user.max_user_namespaces, а в Ubuntu — kernel.apparmor_restrict_unprivileged_userns)
session-error-lessons-no-userns = для частной сети урока нужны пространства имён пользователя и сети ({ $reason }): эта система не разрешает непривилегированные пространства имён пользователей (см. sysctl user.max_user_namespaces, а в Ubuntu — kernel.apparmor_restrict_unprivileged_userns)
session-error-sandbox-map = --sandbox: не удалось записать { $path }: { $reason }
session-error-lessons-map = частная сеть урока: не удалось записать { $path }: { $reason }
session-error-sandbox-loopback = --sandbox: не удалось поднять lo: { $reason }
session-error-lesson-network = не удалось создать частную сеть для урока ({ $reason }): запустите socklab от root или там, где разрешены непривилегированные пространства имён пользователей, — или добавьте --host-net, чтобы урок шёл в сети хоста
session-error-lesson-loopback = не удалось поднять lo урока: { $reason }
# $reason — одно из сообщений выше.
session-error-for-lessons = { $reason }; чтобы уроки шли в сети хоста, добавьте --host-net

# Файл истории оболочки (src/history.rs).
session-error-history-read = не удалось прочитать файл истории { $path }: { $reason } (строки этого сеанса хранятся только в памяти)
session-error-history-write = не удалось записать файл истории { $path }: { $reason } (строки этого сеанса хранятся только в памяти)

# Сеанс (src/session/). $full — почему бюджет памяти отказал (он исчерпан).
session-error-receive-buffer = для приёма { $len ->
        [one] { $len } байта
        [few] { $len } байт
       *[many] { $len } байт
    } нужно ещё { $more } буфера, а { $full } — принимайте меньше за раз
# $what — что хотело занять память («хранение $name», буфер recvall …).
session-error-memory = { $what }: нужно { $bytes } памяти, а { $full } (занято { $used }) — попросите меньше или дождитесь, пока закончится начатая раньше работа
session-error-keeping-data = хранение ${ $name }
session-error-no-programs-in-lessons = урок не может запускать программы (это данные, а не программа): spawn работает в оболочке и в socklab run
session-error-no-lab = сетевая лаборатория не запущена: запустите socklab --lab (или транскрипт с #! lab)
session-error-no-lab-for-host = @HOST — это хост сетевой лаборатории, а она не запущена: запустите socklab --lab
session-error-no-handle = дескриптора «{ $name }» нет
session-error-not-yet = «{ $name }» ещё не существует: его создаст фоновое задание [{ $job }] (wait { $job })
session-error-bad-unix-address = неверный адрес unix: { $reason }
session-error-handle-address = не удалось прочитать адрес { $name }: { $reason }
session-error-lab-no-name-service = в лаборатории нет службы имён, поэтому адрес для имени «{ $host }» не ищется: её хосты — a и b (b:80 — это 192.0.2.2:80), имя дескриптора — это его адрес на его хосте (connect cli srv), а localhost — собственный loopback хоста
session-error-lesson-no-name-service = урок не ищет адреса по именам хостов («{ $host }»): используйте 127.0.0.1, [::1] или localhost — или запустите файл как свой собственный сценарий через socklab run
session-error-lesson-unix-path = пути unix-сокетов урока отсчитываются от его собственного рабочего каталога: пишите ./name.sock, а не «{ $path }» (абсолютные пути и .. в уроках запрещены; @name — абстрактный сокет; socklab run выполняет файл как ваш собственный сценарий)
session-error-cannot-resolve = не удалось разрешить имя «{ $host }»: { $reason }
session-error-no-address = у «{ $host }» нет адреса

## ---- end of section lab-errors ----


## ---- section diagram: the words of pictures (diagram, ladder, graph, html) ----

# Промежуток: прошло время ($time: `42 ms`, `1.02 s`).
diagram-gap-later = позже
diagram-gap-later-between = позже, между шагами
diagram-gap-between = через { $time }, между шагами
diagram-gap-after-call = через { $time } после вызова

# Легенда диаграммы: что значат особые стрелки.
diagram-legend-retransmission = повторная передача (отправлен снова)
diagram-legend-lost = потерян или отброшен в пути
diagram-legend-held = задержан в канале лаборатории
diagram-legend-zero-window = win=0: получатель больше ничего не может принять

diagram-no-segments = (нет сегментов)

diagram-title-step = { $name }, шаг { $step }
diagram-title-steps = { $name }, шаги { $from }–{ $to }
diagram-title-steps-on = { $name }, шаги с { $from }-го
diagram-title-narrated = { $name } — { $first }

# График порядковых номеров (sequence number) одного направления.
diagram-graph-title-order = { $from } → { $to }: номера последовательности по порядку сегментов — { $title }
diagram-graph-title-time = { $from } → { $to }: номера последовательности во времени ({ $near } → { $far })
diagram-graph-counts = { $data ->
        [one] { $data } сегмент с данными
        [few] { $data } сегмента с данными
       *[many] { $data } сегментов с данными
    }; отправлено повторно: { $again }, потеряно в канале: { $lost }
diagram-graph-axis-time = время (с)
diagram-graph-axis-order = сегменты по порядку (транскрипт не хранит время)
diagram-graph-axis-sequence = номер последовательности (в байтах, относительный)
diagram-graph-legend-data = сегмент с данными
diagram-graph-legend-retransmission = отправлен снова (повторная передача)
diagram-graph-legend-lost = потерян в канале лаборатории
diagram-graph-legend-ack = ACK (накопительный)
diagram-graph-legend-window = окно приёма (ACK + win)
diagram-graph-legend-sack = блок SACK

diagram-session-title = сеанс socklab

## ---- end of section diagram ----


## ---- section export: what export and translate write for a person (comments, notes, what could not be translated) ----


# Начало экспортированной программы (Python и C): откуда она и как работает.
export-exported-by = { $source } — экспортировано из socklab
export-python-about =
    Каждый шаг — одна строка socklab (она записана над шагом как комментарий);
    программа сверяет каждый результат с тем, что записал socklab, и
    завершается с кодом 1, если хоть один отличается. Порты, которые выбрало
    ядро, обозначены PORT[1], PORT[2] …
export-python-lab =
    Сеанс шёл в сетевой лаборатории socklab (два хоста и канал между
    ними, которым управляет socklab); у этой программы хост один,
    поэтому шаги лаборатории стали комментариями с пометкой
    «только в лаборатории socklab».
export-c-about =
    Каждый шаг — одна строка socklab (она записана над шагом как комментарий);
    программа сверяет каждый результат с тем, что записал socklab, и
    завершается с кодом 1, если хоть один отличается. Порты, которые выбрало
    ядро, обозначены PORT[1], PORT[2] ...
    Сборка: cc -Wall -Wextra -Werror -o program program.c
    (если библиотека C старше glibc 2.34, добавьте -pthread)
export-timeout-seconds = в секундах: предел сеанса для блокирующего вызова и для await
export-timeout = предел сеанса для блокирующего вызова и для await
export-c-ports = [PORT1] .. наибольший номер, встретившийся в сеансе
export-c-jobs = задание [1] .. наибольший номер задания, запущенного в сеансе
export-c-sockets = Сокеты сеанса.
export-c-buf = сюда recv кладёт принятое
export-c-out = длинные данные для отправки
export-c-sigpipe = как в socklab: ошибка EPIPE, а не гибель процесса
# Комментарии к шагам программы.
export-sent-before = следующая строка ждёт, пока сегментов станет больше, чем сейчас
export-job-never-shown = не экспортировано: вызов задания [{ $job }] (в сеансе он так и не завершился, поэтому socklab его не показал)
export-c-job-not-exported = не экспортировано в C: задание [{ $job }] (его вызов в сеансе так и не завершился или задание здесь такой вызов не делает)
export-c-job-stop = как в socklab: сигнал, EINTR
export-c-job-function = задание [{ $job }]: { $call }
export-not-watched = ({ $handle } не был под наблюдением watch)
export-wait = (wait: результат каждого задания забирается ниже, там, где задание завершилось)
export-await-acked = socklab показывает сам сегмент; программа ждёт того, что он означает: подтверждения этих байтов
export-await-nothing-open = не экспортировано: у программы не открыт ни один сокет, который мог бы отправить ожидаемый сегмент
export-python-await-segment = socklab показывает сам сегмент; программа видит, как у её сокета растёт счётчик отправленных сегментов
export-c-await-segment = socklab показывает сам сегмент; программа видит, как у её сокетов растёт счётчик отправленных сегментов
export-python-encoding = дальше текст в кодировке { $encoding }: .encode("{ $encoding }") и .decode("{ $encoding }")
export-c-encoding = дальше текст в кодировке { $encoding }: байты ниже записаны в ней
export-python-job-stopped = в socklab задание завершилось с EINTR: его остановил сигнал; здесь его останавливает shutdown выше
export-python-stopped = остановлено, как и в socklab
export-keep-ends = чтобы потом найти его соединение
export-python-what-fitted = то, что поместилось в буфер
# Строки, оставленные комментариями, и почему.
export-why-lab = только в лаборатории socklab: шаг сетевой лаборатории; у программы на одном хосте ему нет соответствия
export-why-socklab-only = только в socklab: socklab лишь показывает своё, программа здесь ничего не вызывает
export-why-refused = socklab отклонил эту строку (вызова не было): { $message }
export-why-no-counterpart = не экспортировано: в этой программе нет точного соответствия (это собственное измерение или цикл socklab)
export-error-empty = в транскрипте нет команд: экспортировать нечего
# Откуда взята программа команды оболочки `export python|c FILE`.
export-this-session = этот сеанс
# Страница Markdown (docs/export.md).
export-page-title = { $source } в трёх видах
export-page-about = `socklab export LESSON|FILE --to python|c` записывает транскрипт как вашу собственную программу; в оболочке `export python FILE` и `export c FILE` записывают сеанс до текущего момента. Каждая программа делает те же вызовы, по одному на строку socklab (сама строка — комментарий над вызовом), сверяет каждый результат с записанным и завершается с кодом 1, если хоть один отличается. Шаги сетевой лаборатории (hold, deliver, drop, host, link …) и то, что socklab лишь показывает (ls, jobs, wire …), остаются комментариями с пометкой. Фоновые задания (`&`, `watch`) становятся потоками.
export-page-transcript = Транскрипт
# socklab translate: комментарии в сценарии и то, что не переведено.
translate-header = { $name }, переведено командой socklab translate: вызовы сокетов программы, по одному на строку, у каждого — номер строки программы.
translate-note = примечание: { $note }  # { $place }
translate-left-out = не переведено: { $text }  # { $place } — { $why }
translate-untranslated =
    не переведено ({ $count ->
        [one] { $count } строка
        [few] { $count } строки
       *[many] { $count } строк
    }; каждая осталась в сценарии комментарием):
translate-why-script-full = скрипт вырос до { $bytes ->
        [one] { $bytes } байта
        [few] { $bytes } байт
       *[many] { $bytes } байт
    }: остальное опущено
translate-why-too-deep = блоки вложены глубже { $depth ->
        [one] { $depth } уровня
        [few] { $depth } уровней
       *[many] { $depth } уровней
    }: опущено
translate-why-while = цикл: его тело записано ниже один раз; для новых проходов повторите эти строки
translate-why-except = обработка исключений: socklab вместо неё показывает errno
translate-why-def = функция: socklab выполняет по одному вызову на строку, поэтому вызовы из функции не записаны
translate-why-unknown-block = конструкция Python, для которой в socklab нет аналога
translate-why-condition = условие, которое может решить только работающая программа: его строки опущены
translate-why-loop = цикл по тому, что знает только работающая программа: его строки опущены
translate-why-unrolled = циклы развёрнуты в сумме { $count ->
        [one] { $count } раз
        [few] { $count } раза
       *[many] { $count } раз
    }: остальное опущено
translate-why-variable = переменная, значение которой знает только работающая программа
translate-why-print = print: socklab сам показывает результат каждого вызова
translate-why-input = input(): socklab не читает ввод за программу; впишите текст прямо в строку
translate-why-not-a-call = socklab не знает такого вызова сокета

# Комментарии вспомогательных функций (runtime.py, runtime.c).
export-helper-differ = Сообщить об одном результате, который не совпал с записанным в socklab.
export-helper-check-errno = Вызов завершился ошибкой: с тем ли errno, что видел socklab?
export-helper-check-port = {"["}PORTn]: в первый раз — порт, который выбрало ядро; дальше — тот же самый.
export-helper-recvall = recv, пока не придут ровно n байт или другая сторона не закроет соединение (recvall в socklab).
export-helper-ioctl-int = ioctl, читающий int: FIONREAD (сколько байт можно прочитать), TIOCOUTQ (сколько ещё не подтверждено).
export-helper-poll-events-py = poll(2) на POLLIN|POLLPRI|POLLOUT|POLLRDHUP: события каждого сокета, по именам.
export-helper-await-ready = Ждать (не дольше TIMEOUT), пока сокет не станет готов к чтению или записи.
export-helper-proc-net-state-py = Состояние соединения local-peer в /proc/net/tcp[6] (None — его там нет).
export-helper-tcp-state-py = TCP-состояние сокета (TCP_INFO); после close — состояние его соединения, каким его хранит ядро.
export-helper-await-state-py = Смотреть на TCP-состояние, пока оно не станет `want` (не дольше TIMEOUT): ни одно событие не сообщает о его смене.
export-helper-segments-sent = Сколько сегментов отправили эти TCP-сокеты (tcpi_segs_out из TCP_INFO).
export-helper-await-segment-py = Ждать (не дольше TIMEOUT), пока сокеты не отправят больше сегментов, чем `before` (посчитано сразу после шага, который запустил таймер ядра).
export-helper-await-acked-py = Ждать (не дольше TIMEOUT), пока не будут подтверждены `acked` байт данных: пришло то подтверждение, которое видел socklab. (tcpi_bytes_acked из TCP_INFO считает SYN ещё за один байт.)
export-helper-job-py = Вызов в отдельном потоке (`CMD &` в socklab); result() дожидается его.
export-helper-job-result-py = Значение, которое вернул вызов (его исключение возбуждается здесь).
export-helper-job-stop-py = socklab останавливает вызов задания сигналом (EINTR). Python повторяет вызов, прерванный сигналом (PEP 475), поэтому здесь вместо сигнала сокет закрывается через shutdown: вызов завершается с той ошибкой, которую это даёт.
export-helper-watch-py = recv(1024) в цикле в отдельном потоке (`watch` в socklab); result() забирает следующий результат.
export-helper-watch-stop-py = socklab прерывает recv в цикле (EINTR); здесь цикл ещё и проверяет через poll служебный pipe остановки.
export-helper-jobs-py = фоновые вызовы и циклы watch, по номеру задания в socklab
export-helper-ports = порты, которые выбрало ядро ([PORT1] ...), такие, какие достались этому запуску
export-helper-where = выполняемый шаг: номер его строки в socklab
export-helper-ends-py = адреса сокета (local, peer), сохранённые, чтобы найти его соединение после close
export-helper-shared-c = Вспомогательные функции ниже общие для всех экспортированных программ; одна программа может использовать не все.
export-helper-check-ok-c = Вызов, который в socklab завершился успешно: recorded >= 0 — его возвращаемое значение, -2 — любое (новый fd).
export-helper-check-fails-c = Вызов, который в socklab завершился ошибкой с errno `recorded`.
export-helper-inet-address-c = Адрес IPv4 или IPv6 и порт в том виде, в каком их принимают bind, connect и sendto.
export-helper-unix-address-c = Адрес Unix-сокета: путь или (абстрактный) имя, начинающееся с NUL.
export-helper-sendall-c = send, пока не уйдёт всё или какой-нибудь вызов не завершится ошибкой (sendall в socklab).
export-helper-poll-events-c = poll(2) на POLLIN|POLLPRI|POLLOUT|POLLRDHUP; события каждого fd, по именам, записываются в names[i].
export-helper-ends-c = Адреса сокета, сохранённые, чтобы найти его соединение после close.
export-helper-proc-net-state-c = Состояние соединения в /proc/net/tcp[6], или CLOSE, если его там нет.
export-helper-tcp-info-state-c = struct tcp_info начинается с tcpi_state
export-helper-await-state-c = Смотреть на TCP-состояние, пока оно не станет `want` (не дольше TIMEOUT_MS): ни одно событие не сообщает о его смене.
export-helper-segs-out-offset-c = struct tcp_info в Linux: tcpi_segs_out — это u32 по смещению 136 (он новее, чем копия этой структуры в библиотеке C).
export-helper-await-segment-c = Ждать (не дольше TIMEOUT_MS), пока сокеты не отправят больше сегментов, чем `before` (посчитано сразу после шага, который запустил таймер ядра).
export-helper-bytes-acked-c = Подтверждённые байты данных: tcpi_bytes_acked в Linux (u64 по смещению 120 в struct tcp_info) без SYN, который там считается за один байт.
export-helper-await-acked-c = Ждать (не дольше TIMEOUT_MS), пока не будут подтверждены `acked` байт: пришло то подтверждение, которое видел socklab.
export-helper-job-c = Вызов в отдельном потоке (`CMD &` в socklab) или recv в цикле в отдельном потоке (`watch`): результаты ждут здесь, по одному байту в `ready` на каждый.
export-helper-watch-fd-c = watch: сокет, из которого он читает
export-helper-watch-stop-pipe-c = watch: байт, записанный сюда, завершает цикл
export-helper-jobs-c = по номеру задания в socklab
export-helper-job-start-c = Запускает `call` в отдельном потоке.
export-helper-watch-start-c = Запускает recv(fd, 1024) в цикле в отдельном потоке.
export-helper-job-result-c = Следующий результат задания (ждать не дольше TIMEOUT_MS): его возвращаемое значение, заданный errno, принятое — в buf, адрес — в *addr.
export-helper-job-stop-c = socklab останавливает задание, заблокированное в вызове, сигналом: вызов возвращает EINTR.
export-helper-sa-restart-c = без SA_RESTART: вызов возвращает EINTR
export-helper-unwatch-c = unwatch в socklab: цикл завершается.

## ---- end of section export ----


## ---- section tables: socket options' and lab settings' notes, await's and the budget's words ----

## Параметры сокета: что каждый значит (help options, docs/commands.md).
opt-SO_REUSEADDR = bind проходит, даже если старое соединение на этом порту ещё в TIME_WAIT
opt-SO_REUSEPORT = позволяет нескольким сокетам сделать bind на один и тот же адрес и порт (установить его должны все)
opt-SO_KEEPALIVE = проверять простаивающее TCP-соединение keepalive-пробами (через TCP_KEEPIDLE секунд)
opt-SO_BROADCAST = разрешает отправлять UDP на широковещательный адрес
opt-SO_RCVBUF = размер буфера приёма; Linux удваивает заданное значение (место под свои служебные данные), так что 4096 читается обратно как 8192, и есть минимум
opt-SO_SNDBUF = размер буфера отправки; Linux удваивает заданное значение, как и для SO_RCVBUF
opt-SO_RCVTIMEO = блокирующий приём (или accept) сдаётся с EAGAIN через столько времени; 0 или off: ждать бесконечно
opt-SO_SNDTIMEO = блокирующая отправка (или connect) сдаётся через столько времени; 0 или off: ждать бесконечно
opt-SO_LINGER = `off` или сколько close ждёт отправки оставшихся данных, в секундах (2 или 2s); при SO_LINGER 0 close сразу шлёт RST
opt-SO_ERROR = отложенная ошибка, чтение её сбрасывает: так узнают, чем закончился неблокирующий connect
opt-SO_TYPE = SOCK_STREAM, SOCK_DGRAM или SOCK_SEQPACKET
opt-SO_ACCEPTCONN = 1, если сокет слушающий
opt-TCP_NODELAY = отправлять маленькие сегменты сразу, не выжидая (выключает алгоритм Нейгла)
opt-TCP_CORK = придерживать неполные сегменты, пока «пробку» не вынут (или 200 мс)
opt-TCP_MAXSEG = максимальный размер сегмента
opt-TCP_KEEPIDLE = сколько простоя до первой keepalive-пробы, в секундах: 5, или 5s, 2min
opt-TCP_KEEPINTVL = время между keepalive-пробами, в секундах: 1, или 1s
opt-TCP_KEEPCNT = сколько keepalive-проб может остаться без ответа, прежде чем от соединения откажутся (ETIMEDOUT)
opt-TCP_USER_TIMEOUT = сколько отправленные данные (или keepalive-проба) могут оставаться без подтверждения, прежде чем от соединения откажутся (ETIMEDOUT), в мс: 800, или 3s; 0: решают повторы ядра
opt-TCP_SYNCNT = сколько раз повторить SYN, прежде чем connect сдастся (ETIMEDOUT); заменяет net.ipv4.tcp_syn_retries
opt-TCP_WINDOW_CLAMP = наибольшее окно приёма, которое объявляет этот сокет, в байтах
opt-TCP_QUICKACK = подтверждать сразу, не откладывая ACK (ядро потом само снова это выключает)
opt-IP_RECVERR = сообщать сокету об ошибках ICMP (недоступность и т. п.) сразу по приходе, а не только через errno какого-то следующего вызова
opt-IP_TTL = время жизни (TTL) исходящих пакетов IPv4
opt-IP_TOS = байт типа обслуживания (TOS) IPv4
opt-IPV6_V6ONLY = сокет AF_INET6 работает только с IPv6, без собеседников с адресами IPv4-mapped

## Настройки лаборатории: что каждая определяет (help sysctl, docs/commands.md).
sysctl-net-ipv4-tcp_syn_retries = сколько SYN отправить, прежде чем connect сдастся (ETIMEDOUT)
sysctl-net-ipv4-tcp_synack_retries = сколько SYN+ACK слушающий сокет шлёт для полуоткрытого соединения
sysctl-net-ipv4-tcp_syn_linear_timeouts = первые повторы SYN идут через 1 с, и только потом интервал растёт
sysctl-net-ipv4-tcp_max_syn_backlog = сколько полуоткрытых соединений держит слушающий сокет
sysctl-net-ipv4-tcp_syncookies = отвечать SYN cookies, когда очередь SYN полна (1), всегда (2), никогда (0)
sysctl-net-ipv4-tcp_abort_on_overflow = при полной очереди accept сбрасывать новые соединения, а не игнорировать их ACK
sysctl-net-core-somaxconn = наибольший backlog, который можно дать listen
sysctl-net-ipv4-tcp_retries1 = сколько повторных передач, прежде чем TCP заново спросит маршрут
sysctl-net-ipv4-tcp_retries2 = сколько повторных передач данных, прежде чем от соединения откажутся (ETIMEDOUT)
sysctl-net-ipv4-tcp_orphan_retries = повторные передачи для соединения, которым больше не владеет ни один сокет
sysctl-net-ipv4-tcp_rto_min_us = наименьший тайм-аут повторной передачи, мкс
sysctl-net-ipv4-tcp_rto_max_ms = наибольший тайм-аут повторной передачи, мс
sysctl-net-ipv4-tcp_early_retrans = пробы потери хвоста, tail loss probes (3: включены; у хостов лаборатории сначала 0)
sysctl-net-ipv4-tcp_recovery = обнаружение потерь по RACK (бит 1)
sysctl-net-ipv4-tcp_frto = распознавать ложные тайм-ауты повторной передачи (F-RTO)
sysctl-net-ipv4-tcp_reordering = сколько дублирующих ACK означают потерю (быстрая повторная передача)
sysctl-net-ipv4-tcp_max_reordering = наибольшее переупорядочивание, которое TCP готов допустить
sysctl-net-ipv4-tcp_thin_linear_timeouts = без экспоненциального роста RTO для «тонких» потоков
sysctl-net-ipv4-tcp_sack = выборочные подтверждения (SACK)
sysctl-net-ipv4-tcp_dsack = дублирующие SACK
sysctl-net-ipv4-tcp_timestamps = метки времени (1: со случайным смещением, 2: без него)
sysctl-net-ipv4-tcp_window_scaling = масштабирование окна
sysctl-net-ipv4-tcp_ecn = явное уведомление о перегрузке (ECN)
sysctl-net-ipv4-tcp_ecn_fallback = отказываться от ECN, если путь его портит
sysctl-net-ipv4-tcp_mtu_probing = зондирование MTU пути
sysctl-net-ipv4-tcp_base_mss = MSS, с которого начинается зондирование MTU
sysctl-net-ipv4-tcp_keepalive_time = сколько секунд простоя до первой keepalive-пробы
sysctl-net-ipv4-tcp_keepalive_intvl = сколько секунд между keepalive-пробами
sysctl-net-ipv4-tcp_keepalive_probes = сколько проб может остаться без ответа, прежде чем соединение разорвут
sysctl-net-ipv4-tcp_fin_timeout = сколько секунд осиротевшее соединение ждёт в FIN_WAIT2
sysctl-net-ipv4-tcp_tw_reuse = переиспользовать соединения в TIME_WAIT для новых исходящих
sysctl-net-ipv4-tcp_rfc1337 = RST в TIME_WAIT не завершает его досрочно
sysctl-net-ipv4-tcp_rmem = буфер приёма: min,default,max в байтах
sysctl-net-ipv4-tcp_wmem = буфер отправки: min,default,max в байтах
sysctl-net-ipv4-tcp_moderate_rcvbuf = увеличивать буфер приёма по мере надобности
sysctl-net-ipv4-tcp_adv_win_scale = какую часть буфера предлагает окно
sysctl-net-ipv4-tcp_notsent_lowat = порог неотправленных байтов, выше которого сокет не готов к записи
sysctl-net-ipv4-tcp_slow_start_after_idle = после простоя начинать снова с медленного старта
sysctl-net-ipv4-tcp_autocorking = придерживать мелкие записи, пока предыдущие ждут в очереди
sysctl-net-ipv4-tcp_comp_sack_nr = сколько SACK сжимается в один
sysctl-net-ipv4-tcp_congestion_control = алгоритм управления перегрузкой для новых соединений (reno, cubic …)
sysctl-net-ipv4-ip_default_ttl = TTL пакетов хоста
sysctl-net-ipv4-ip_local_port_range = эфемерные порты: low,high
sysctl-net-ipv4-ip_unprivileged_port_start = первый порт, на который обычный пользователь может сделать bind
sysctl-net-ipv4-ip_no_pmtu_disc = определение MTU пути выключено (1) или включено (0)
sysctl-net-ipv4-ipfrag_time = сколько секунд фрагментированная датаграмма ждёт недостающие части
sysctl-net-ipv6-ip6frag_time = то же для IPv6
sysctl-net-ipv4-icmp_ratelimit = сколько мс между ICMP-ошибками одному хосту
sysctl-net-ipv4-icmp_echo_ignore_all = не отвечать на ping

## Первая и последняя строки `help sysctl`. $names — настройки только
## для чтения, через запятую.
sysctl-help-heading = настройки, которые может иметь хост лаборатории (NAME, значения, что определяет):
sysctl-help-read-only = только для чтения: { $names }

## Неудачи `await`. $handle — дескриптор; $what — состояние TCP или
## readable/writable (имена); $timeout — сколько ждали (2s, 500ms);
## $now — что вместо этого (одно из сообщений await-now-…, состояние TCP
## или почему не удалось посмотреть).
await-not-reached = { $handle } так и не стал { $what } за { $timeout } (сейчас: { $now })
await-now-with-connection = { $socket }; его соединение в состоянии { $connection }, его держит ядро без fd
await-now-held = { $connection }, соединение держит ядро без fd
await-now-gone = в ядре его больше нет
await-not-ready = не готов
await-poll-failed = poll не удался: { $errno }
await-link-not-reached = за { $timeout } ни один сегмент не дошёл до канала
await-wire-not-reached = за { $timeout } не было отправлено ни одного сегмента

## Бюджет памяти. budget-full другие сообщения включают как $full;
## $limit — размер (256 MiB). budget-bytes — размер меньше 1 KiB.
budget-full = бюджет памяти сессии ({ $limit }) исчерпан
budget-bytes = { $count ->
    [one] { $count } байт
    [few] { $count } байта
    [many] { $count } байт
   *[other] { $count } байта
}

## ---- end of section tables ----


## ---- section python: what socklab says to a line written in Python ----


# Python вокруг вызовов: предложение и то, что это за строка ($what).
py-not-a-call = это Python, а socklab выполняет по одному вызову в строке — { $what }. Пишите сами вызовы сокетов, по одному в строке: `help` перечисляет их, `help python` показывает, как методы Python записываются в socklab, а `socklab translate PROG.py` превращает вызовы программы в сценарий
py-what-print = socklab сам показывает результат каждого вызова, так что печатать нечего
py-what-input = socklab не читает ввод за программу: впишите текст прямо в строку
py-what-variable = в socklab нет переменных: впишите значение в каждую строку, где оно нужно
py-what-import = у импорта нет формы в socklab
py-what-loop = у цикла нет формы в socklab
py-what-conditional = у условного оператора нет формы в socklab
py-what-function = у функции нет формы в socklab
py-what-class = у класса нет формы в socklab
py-what-exceptions = у обработки исключений нет формы в socklab
py-what-with = у блока with нет формы в socklab
py-what-return = у return нет формы в socklab
py-what-break = у break в цикле нет формы в socklab
py-what-continue = у continue в цикле нет формы в socklab
py-what-pass = у pass нет формы в socklab
py-what-declaration = у объявления нет формы в socklab
py-what-raise = у raise нет формы в socklab
py-what-assertion = у assert нет формы в socklab
py-what-del = у del нет формы в socklab
# Вызовы сокетов: строки socklab ($lines, через py-lines-then), каждое
# замечание после них в скобках (py-aside).
py-lines = это синтаксис вызова Python — в socklab пишут команду и её аргументы: { $lines }
py-lines-then = {", затем "}
py-aside = {" ("}{ $text }{")"}
py-no-verb = это socket.{ $method }() из Python, а в socklab для него нет команды: { $note }
# Распаковка результата Python на команде socklab; $line — строка socklab.
py-unpack-accept = accept в Python возвращает (conn, addr); accept в socklab создаёт один дескриптор, а адрес собеседника показывает в своём шаге: { $line }
py-unpack-recv = { $verb } в socklab сохраняет прочитанные байты под одним именем, а остальное (сколько пришло) показывает в своём шаге: { $line }
py-unpack-recvfrom = { $verb } в socklab сохраняет прочитанные байты под одним именем, а остальное (адрес отправителя, from:) показывает в своём шаге: { $line }
py-unpack-address = то, что возвращает { $verb }, — адрес — socklab показывает в шаге; называть здесь нечего: { $line }
py-unpack-value = то, что возвращает { $verb }, — значение — socklab показывает в шаге; называть здесь нечего: { $line }
py-unpack-sent = то, что возвращает { $verb }, — сколько байт приняло ядро — socklab показывает в шаге; называть здесь нечего: { $line }

# Чего строке не хватает и что знает только работающая программа; $what —
# одно из имён py-arg-… (в винительном падеже), $placeholder — что стоит там в строке socklab.
py-missing-variable-data = { $name } — это переменная Python, а socklab принимает { $what } прямо в строке: впишите её значение туда, где в строке стоит { $placeholder }, или, если { $name } — то, что вернул приём данных, сохраните его под именем ({ $name } = recv conn 1024) и отправьте ${ $name }
py-missing-variable = { $name } — это переменная Python, а socklab принимает { $what } прямо в строке: впишите её значение туда, где в строке стоит { $placeholder }
py-missing-expression = { $expression } вычисляет работающая программа, а socklab принимает { $what } прямо в строке: впишите значение туда, где в строке стоит { $placeholder }
py-missing-other = socklab не может записать это как надо — здесь нужно указать { $what }: впишите его туда, где в строке стоит { $placeholder }
py-unknown-encoding = '{ $encoding }' — не кодировка, известная socklab (их список даёт help encoding): данные остаются в кодировке сеанса
py-note-str = Python 3 не примет здесь str и выдаст TypeError — отправляются байты: b'…' или '….encode()'; socklab отправляет текст в кодировке сеанса, { $encoding }
py-arg-constant = константу сокета
py-arg-backlog = длину очереди (backlog)
py-arg-size = размер
py-arg-level = уровень
py-arg-option = опцию
py-arg-value = значение
py-arg-seconds = число секунд
py-arg-socket = сокет
py-arg-text = текст
py-arg-data = данные
py-arg-address = адрес
py-arg-port = порт
py-arg-host = хост
py-arg-flags = флаги

## ---- end of section python ----
