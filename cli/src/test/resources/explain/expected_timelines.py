#!/usr/bin/env python3
"""The timelines `itinera explain` should print for two customers of the shared logs, derived here
from the raw CSV and the journeys' text, without itinera: a hand-written reading of
journeys/uci-repeat-purchase.journey (customer 12348) and journeys/taobao-browse-to-buy.journey
(customers 1003194 and 1000283). ExplainCommandTest compares itinera's output with these lines.

    python3 expected_timelines.py ../../../../../shared/data   (the folder holding both logs)
"""
import csv, sys, datetime as dt

DAY = 86_400_000

def fmt_time(ms):
    return dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc).strftime('%Y-%m-%d %H:%M:%S')

def fmt_value(v):
    if v is None or v != v:
        return 'none'
    if isinstance(v, str):
        return v
    if v == int(v):
        return str(int(v))
    return ('%.4f' % v).rstrip('0').rstrip('.')

def line(at, kind, what, why=None, values=None):
    text = '%s  %-8s %s' % (fmt_time(at), kind, what)
    if why:
        text += '  ' + why
    if values:
        text += (': ' if kind in ('rule', 'stage') else '  ') + ' '.join('%s=%s' % (k, fmt_value(v)) for k, v in values)
    return text

def murmur3(data):
    c1, c2, h = 0xcc9e2d51, 0x1b873593, 0
    m = 0xFFFFFFFF
    rotl = lambda x, r: ((x << r) | (x >> (32 - r))) & m
    n = len(data) // 4
    for i in range(n):
        k = int.from_bytes(data[4 * i:4 * i + 4], 'little')
        k = rotl((k * c1) & m, 15) * c2 & m
        h = (rotl(h ^ k, 13) * 5 + 0xe6546b64) & m
    tail, k = data[4 * n:], 0
    for i in reversed(range(len(tail))):
        k ^= tail[i] << (8 * i)
    if tail:
        h ^= rotl((k * c1) & m, 15) * c2 & m
    h ^= len(data)
    h ^= h >> 16; h = (h * 0x85ebca6b) & m
    h ^= h >> 13; h = (h * 0xc2b2ae35) & m
    h ^= h >> 16
    return h

def split_place(journey, split, customer):
    return (murmur3(('%s\0%s\0%s' % (journey, split, customer)).encode()) * 100) >> 32

def in_window(events, at, days):
    """Events of the last `days` days at `at`; refuses to guess when one sits where itinera's
    16-bucket window may already have dropped it (the last 1/16 of the window)."""
    d = days * DAY
    for t, _ in events:
        if d - d / 16 <= at - t < d:
            raise SystemExit('an event sits in the last 1/16 of a window at %s: pick another customer' % fmt_time(at))
    return [v for t, v in events if t <= at and at - t < d]


def uci(path, customer='12348'):
    orders, end = [], 0
    with open(path) as f:
        for row in csv.DictReader(f):
            t = int(dt.datetime.strptime(row['InvoiceDate'][:19], '%Y-%m-%d %H:%M:%S')
                    .replace(tzinfo=dt.timezone.utc).timestamp() * 1000)
            end = max(end, t)
            if row['CustomerID'] == customer:
                orders.append((t, row))
    holdout = split_place('RepeatPurchase', 'SecondOrderTest', customer) >= 50
    out, seen, sends = [], [], []
    stage, entered_at, stage_at, goal_done, timers = None, None, None, False, []

    def features(at):
        spend = in_window(seen, at, 90)
        basket = in_window(seen, at, 180)
        return {'orders90d': len(spend), 'spend90d': sum(spend),
                'avgBasket': sum(basket) / len(basket) if basket else float('nan'),
                'daysIdle': (at - seen[-1][0]) // DAY if seen else float('nan')}

    def move(at, to, why):
        nonlocal stage, stage_at, timers
        out.append(line(at, 'stage', '%s -> %s' % (stage or '(out)', to), why))
        stage, stage_at = to, at
        after = {'FirstOrder': 45, 'Repeat': 90, 'Regular': 90, 'Lapsing': 90}.get(to)
        timers = [(at + after * DAY, 'after')] if after else []
        if to == 'Lapsing':
            timers.append((at + 30 * DAY, 'every'))

    def lapse(at, occasion):
        f = features(at)
        valuable = f['spend90d'] > 500 or (f['avgBasket'] > 400 and f['daysIdle'] < 150)
        values = [('spend90d', f['spend90d']), ('avgBasket', f['avgBasket']), ('daysIdle', f['daysIdle'])]
        out.append(line(at, 'rule', 'Lapse :: Valuable', ('fired' if valuable else 'no match') + ' (%s)' % occasion, values))
        rule, template = ('Valuable', 'we_miss_you_vip') if valuable else ('Others', 'we_miss_you')
        if not valuable:
            out.append(line(at, 'rule', 'Lapse :: Others', 'fired (%s)' % occasion))
        if any(at - s < 30 * DAY for s in sends):
            out.append(line(at, 'not-sent', 'email ' + template, 'cap reached: campaign Lapse 1 per 30 days, %d sent in that time'
                            % len([s for s in sends if at - s < 30 * DAY]), [('rule', 'Lapse :: ' + rule)]))
        else:
            sends.append(at)
            out.append(line(at, 'send', 'email ' + template, None, [('rule', 'Lapse :: ' + rule)]))

    def fire_timers(upto):
        nonlocal timers
        while timers and min(timers)[0] <= upto:
            due, kind = min(timers)
            timers.remove((due, kind))
            if kind == 'after':
                move(due, {'FirstOrder': 'Lapsing', 'Repeat': 'Lapsing', 'Regular': 'Lapsing', 'Lapsing': 'Churned'}[stage],
                     'after %d days' % ((due - stage_at) // DAY))
                if stage == 'Lapsing':
                    lapse(due, 'on entering Lapsing')
            else:
                timers.append((due + 30 * DAY, 'every'))
                lapse(due, 'on schedule')

    for t, row in orders:
        fire_timers(t)
        amount = float(row['Basket Price'])
        seen.append((t, amount))
        fields = [('invoice', row['InvoiceNo']), ('amount', amount)] + \
                 [('categ%d' % i, float(row['categ_%d' % i])) for i in range(5)]
        out.append(line(t, 'event', 'order', None, fields))
        if stage is None:
            entered_at = t
            move(t, 'FirstOrder', 'entry on order')
            f = features(t)
            big = f['avgBasket'] > 300
            rule, template, discount = ('Big first basket', 'second_order_vip', 10) if big else ('Second order', 'second_order', 5)
            out.append(line(t, 'rule', 'SecondOrder :: Big first basket', ('fired' if big else 'no match') + ' (on order)',
                            [('avgBasket', f['avgBasket'])]))
            if not big:
                out.append(line(t, 'rule', 'SecondOrder :: Second order', 'fired (on order)'))
            if holdout:
                out.append(line(t, 'not-sent', 'email ' + template,
                                'holdout arm of split SecondOrderTest (what SecondOrder would have sent)',
                                [('rule', 'SecondOrder :: ' + rule)]))
            else:
                out.append(line(t, 'send', 'email ' + template, None, [('discount', discount), ('rule', 'SecondOrder :: ' + rule)]))
            continue
        if not goal_done and t - entered_at <= 60 * DAY:
            goal_done = True
            out.append(line(t, 'goal', 'order', 'reached within 60 days of entering the journey', [('value', amount)]))
        if stage in ('FirstOrder', 'Lapsing', 'Churned'):
            move(t, 'Repeat', 'on order')
        elif stage == 'Repeat' and features(t)['orders90d'] >= 4:
            move(t, 'Regular', 'on order if orders90d >= 4', [('orders90d', features(t)['orders90d'])])
        elif stage == 'Repeat':
            out.append(line(t, 'stage', 'Repeat (stays)', 'on order if orders90d >= 4 does not hold',
                            [('orders90d', features(t)['orders90d'])]))
    fire_timers(end)
    return out


def taobao(path, customer):
    kinds = {'pv': 'product_view', 'fav': 'favourite', 'cart': 'cart_add', 'buy': 'purchase'}
    events, end = [], 0
    with open(path) as f:
        for row in csv.reader(f):
            if len(row) != 5 or row[3] not in kinds:
                continue
            t = int(row[4]) * 1000
            end = max(end, t)
            if row[0] == customer:
                events.append((t, kinds[row[3]], row[1], row[2]))
    events.sort(key=lambda e: e[0])
    out, stage, stage_at, entered_at, goal_done, timers, held = [], None, None, None, False, [], []
    carts, purchases, views, favs = 0, 0, [], []
    sends = {'CartReminder': [], 'Inspire': []}
    after = {'Browsing': (2 * DAY, 'Drifted', '2 days'), 'Interested': (2 * DAY, 'Drifted', '2 days'),
             'Carted': (DAY // 2, 'CartLeft', '12 hours'), 'CartLeft': (2 * DAY, 'Drifted', '2 days')}

    def move(at, to, why, values=None):
        nonlocal stage, stage_at, timers
        out.append(line(at, 'stage', '%s -> %s' % (stage or '(out)', to), why, values))
        stage, stage_at = to, at
        timers = [(at + after[to][0], 'after')] if to in after else []

    def quiet_end(at):
        day = at - at % DAY
        hour = (at % DAY) // 3_600_000
        if hour >= 23:
            return day + DAY + 7 * 3_600_000
        return day + 7 * 3_600_000 if hour < 7 else at

    def decide(at, campaign, first, values, rule, template, params, cap_days, quiet, occasion):
        """The campaign's first rule (`first`: whether it matched) or its otherwise rule; then cap, then quiet hours."""
        out.append(line(at, 'rule', campaign + ' :: ' + first, ('fired' if rule == first else 'no match') + ' (%s)' % occasion,
                        values))
        if rule != first:
            out.append(line(at, 'rule', campaign + ' :: ' + rule, 'fired (%s)' % occasion))
        name, what = campaign + ' :: ' + rule, ('push ' if campaign == 'CartReminder' else 'inapp ') + template
        counted = len([s for s in sends[campaign] if at - s < cap_days * DAY])
        if counted >= 1:
            out.append(line(at, 'not-sent', what, 'cap reached: campaign %s 1 per %s, %d sent in that time'
                            % (campaign, '1 day' if cap_days == 1 else '%d days' % cap_days, counted), [('rule', name)]))
            return
        release = quiet_end(at) if quiet else at
        sends[campaign].append(release)
        if release == at:
            out.append(line(at, 'send', what, None, params + [('rule', name)]))
        else:
            out.append(line(at, 'held', what, 'quiet hours of %s until %s UTC' % (campaign, fmt_time(release)),
                            [('rule', name)]))
            held.append((release, what, params, name))

    def rules(at, occasion):
        if stage == 'CartLeft':
            several = carts >= 3
            decide(at, 'CartReminder', 'Several carts', [('openCarts', carts)], 'Several carts' if several else 'One cart',
                   'your_cart_is_waiting' if several else 'still_thinking', [('items', carts)] if several else [], 1, True,
                   occasion)
        elif stage == 'Interested':
            f7, today = len(in_window(favs, at, 7)), len(in_window(views, at, 1))
            keen = f7 >= 3 and today > 10
            decide(at, 'Inspire', 'Keen', [('favs7d', f7), ('viewsToday', today)], 'Keen' if keen else 'Gentle',
                   'similar_items' if keen else 'back_in_stock_alerts', [], 2, False, occasion)

    def fire_timers(upto):
        nonlocal timers
        while True:
            due = sorted([(d, 'stage') for d, _ in timers] + [(h[0], 'held') for h in held])
            if not due or due[0][0] > upto:
                return
            at, what = due[0]
            if what == 'held':
                release, message, params, rule = held.pop(0)
                if stage == 'CartLeft':
                    out.append(line(at, 'send', message, 'released: quiet hours are over', params + [('rule', rule)]))
                else:
                    out.append(line(at, 'not-sent', message, 'the customer left the stage before quiet hours '
                                    'ended (now in %s)' % stage, [('rule', rule)]))
            else:
                timers = []
                move(at, after[stage][1], 'after ' + after[stage][2])
                rules(at, 'on entering ' + stage)

    for t, kind, item, category in events:
        fire_timers(t)
        if kind == 'purchase':
            carts, purchases = 0, purchases + 1
        elif kind == 'cart_add':
            carts += 1
        elif kind == 'product_view':
            views.append((t, 1))
        else:
            favs.append((t, 1))
        out.append(line(t, 'event', kind, None, [('itemId', item), ('category', category)]))
        if stage is None:
            if kind == 'product_view':
                entered_at = t
                move(t, 'Browsing', 'entry on product_view')
            continue
        if kind == 'purchase' and not goal_done and t - entered_at <= 3 * DAY:
            goal_done = True
            out.append(line(t, 'goal', 'purchase', 'reached within 3 days of entering the journey'))
        moves = {'Browsing': {'favourite': 'Interested', 'cart_add': 'Carted', 'purchase': 'Bought'},
                 'Interested': {'cart_add': 'Carted', 'purchase': 'Bought'}, 'Carted': {'purchase': 'Bought'},
                 'CartLeft': {'purchase': 'Bought'}, 'Drifted': {'purchase': 'Bought'}}.get(stage, {})
        if kind in moves:
            move(t, moves[kind], 'on ' + kind)
            rules(t, 'on ' + kind)
        elif stage == 'Bought' and kind == 'purchase' and purchases >= 3:
            move(t, 'Regular', 'on purchase if purchases >= 3', [('purchases', purchases)])
        elif stage == 'Bought' and kind == 'purchase':
            out.append(line(t, 'stage', 'Bought (stays)', 'on purchase if purchases >= 3 does not hold',
                            [('purchases', purchases)]))
        else:
            rules(t, 'on ' + kind)
    fire_timers(end)
    return out


if __name__ == '__main__':
    shared = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'
    for text in uci(shared + '/uci-online-retail-baskets/baskets.csv'):
        print(text)
    for customer in ('1003194', '1000283'):
        print()
        for text in taobao(shared + '/taobao-user-behavior/user_behavior.csv', customer):
            print(text)
